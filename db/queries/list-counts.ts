/**
 * The commitment list's counts and page (every query but the as-of view), read from the summary table `live_counts` (drizzle/0012_read_summaries.sql, kept by triggers) wherever it can
 * answer, and otherwise from one grouped query per facet driven by the indexes of the set filters
 * (issue 9, item 3; docs/decisions/010-reads-in-sql.md, "Facet counts from a summary table").
 *
 * What the summary can answer: `live_counts` holds, per dimension (agreement, theme, owner,
 * strength, party, or all), per key, per level and per status, how many live rows there are. So the
 * counts of a facet F under the other set filters R come from it when
 * - F is a dimension and R holds only status and level filters (sum by key), or
 * - F is status or level (or the total) and R holds at most one dimension filter and no overdue
 *   filter (sum by status or level over that dimension's key).
 * Overdue depends on today, so it never comes from the summary: "1" is a range count on
 * `commitments_live_target_idx`, "0" the rest. Everything else is a grouped query over the rows that
 * match R, which the most selective set filter's index drives.
 *
 * The counting rule is the list's (lib/commitment-list.ts `listCommitments`, the reference, which
 * tests/unit/sql-reads.test.ts compares with): levels apart, and a value's count is the number of
 * rows choosing it returns with the other filters kept.
 */
import { type SQL, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { type Count, FACETS, type ListQuery, mergeCaseVariants } from "../../lib/commitment-list";
import { isFinal, STATUS_VALUES } from "../../lib/status";
import type { Db } from "../client";
import { ftsMatch } from "./catalog";

type FacetKey = (typeof FACETS)[number];
/** The facets that are dimensions of `live_counts` (one key per row, party: one per owing party). */
const DIMENSIONS = ["agreement", "theme", "owner", "strength", "party"] as const;
type Dimension = (typeof DIMENSIONS)[number];

const FINAL = sql.raw(
  STATUS_VALUES.filter((s) => isFinal(s))
    .map((s) => `'${s}'`)
    .join(", "),
);
const LEVEL = sql.raw(`CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END`);

function isDimension(f: FacetKey): f is Dimension {
  return (DIMENSIONS as readonly string[]).includes(f);
}

/** The set filters of `query` (search and as-of aside). */
export function setFilters(query: ListQuery): FacetKey[] {
  return FACETS.filter((f) => query[f] !== undefined);
}

/** True when the list for `query` is answered by this module (every query but the as-of view). */
export function usesIndexedList(query: ListQuery): boolean {
  return query.asOf === undefined;
}

/**
 * A set filter as a condition on `commitments c`, written so the index of its column can drive it
 * (`COLLATE NOCASE` for the case-blind theme and owner, as `lower()` compares: ASCII only, both).
 */
export function filterCondition(facet: FacetKey, query: ListQuery, day: CalendarDate): SQL {
  switch (facet) {
    case "agreement":
      return sql`c.agreement_id IN (SELECT id FROM agreements WHERE slug = ${query.agreement ?? null})`;
    case "status":
      return sql`c.status = ${query.status ?? null}`;
    case "theme":
      return sql`c.theme = ${query.theme ?? null} COLLATE NOCASE`;
    case "party":
      return sql`c.id IN (SELECT cp.commitment_id FROM commitment_parties cp WHERE cp.party_code = ${query.party ?? null})`;
    case "owner":
      return sql`(c.owner <> '' AND c.owner = ${query.owner ?? null} COLLATE NOCASE)`;
    case "strength":
      return sql`c.strength = ${query.strength ?? null}`;
    case "overdue":
      return query.overdue === "1"
        ? sql`(c.target_date < ${day} AND c.status NOT IN (${FINAL}))`
        : sql`(c.target_date IS NULL OR c.target_date >= ${day} OR c.status IN (${FINAL}))`;
    case "level":
      return query.level === "milestone" ? sql`c.parent_id IS NOT NULL` : sql`c.parent_id IS NULL`;
  }
}

/**
 * `c.live = 1 AND` every filter of `facets` AND, with a search, the FTS5 match (the search index
 * gives the rowids, which are looked up by primary key).
 */
export function whereAll(facets: readonly FacetKey[], query: ListQuery, day: CalendarDate): SQL {
  const match = query.q === undefined ? null : ftsMatch(query.q);
  const search =
    match === null ? [] : [sql`c.id IN (SELECT rowid FROM commitment_search WHERE commitment_search MATCH ${match})`];
  return sql.join([sql`c.live = 1`, ...search, ...facets.map((f) => filterCondition(f, query, day))], sql` AND `);
}

interface ValueRow {
  value: string | number;
  level: "commitment" | "milestone";
  n: number;
}

function toCounts(rows: readonly ValueRow[]): Map<string, Count> {
  const out = new Map<string, Count>();
  for (const r of rows) {
    const c = out.get(String(r.value)) ?? { commitments: 0, milestones: 0 };
    if (r.level === "milestone") c.milestones += r.n;
    else c.commitments += r.n;
    out.set(String(r.value), c);
  }
  return out;
}

/** The condition on `live_counts` rows of a filter on its own dimension. */
function keyCondition(dimension: Dimension, query: ListQuery): SQL {
  switch (dimension) {
    case "agreement":
      return sql`key = (SELECT CAST(id AS TEXT) FROM agreements WHERE slug = ${query.agreement ?? null})`;
    case "theme":
      return sql`key = ${query.theme ?? null} COLLATE NOCASE`;
    case "owner":
      return sql`key <> '' AND key = ${query.owner ?? null} COLLATE NOCASE`;
    case "strength":
      return sql`key = ${query.strength ?? null}`;
    case "party":
      return sql`key = ${query.party ?? null}`;
  }
}

/** Status and level filters of `rest` as conditions on `live_counts`. */
function summaryExtras(rest: readonly FacetKey[], query: ListQuery): SQL {
  const parts: SQL[] = [];
  if (rest.includes("status")) parts.push(sql`AND status = ${query.status ?? null}`);
  if (rest.includes("level")) parts.push(sql`AND level = ${query.level ?? null}`);
  return sql.join(parts, sql` `);
}

/**
 * Counts by `group` (a dimension's key, status or level) under the filters `rest`, from
 * `live_counts`; null when the summary cannot answer (see the module comment).
 */
function fromSummary(
  db: Db,
  group: FacetKey | "total",
  rest: readonly FacetKey[],
  query: ListQuery,
): ValueRow[] | null {
  if (rest.includes("overdue") || query.q !== undefined) return null;
  const dims = rest.filter(isDimension);
  if (group !== "total" && isDimension(group)) {
    if (dims.length > 0) return null;
    const value = group === "agreement" ? sql`(SELECT slug FROM agreements WHERE id = CAST(key AS INTEGER))` : sql`key`;
    const skipEmpty = group === "owner" || group === "strength" ? sql`AND key <> ''` : sql``;
    return db.all<ValueRow>(sql`SELECT ${value} AS value, level, n FROM (
      SELECT key, level, sum(n) AS n FROM live_counts WHERE dimension = ${group} ${skipEmpty} ${summaryExtras(rest, query)}
      GROUP BY key, level HAVING sum(n) > 0)`);
  }
  if (dims.length > 1) return null;
  const [dim] = dims;
  const where = dim === undefined ? sql`dimension = 'all'` : sql`dimension = ${dim} AND ${keyCondition(dim, query)}`;
  const by = group === "status" ? sql`status` : group === "level" ? sql`level` : sql`''`;
  return db.all<ValueRow>(sql`SELECT ${by} AS value, level, sum(n) AS n FROM live_counts
    WHERE ${where} ${summaryExtras(rest, query)} GROUP BY ${by}, level HAVING sum(n) > 0`);
}

/** Counts by `group` under the filters `rest`: one grouped query over the live rows matching `rest`. */
function fromRows(
  db: Db,
  group: Exclude<FacetKey, "overdue"> | "total",
  rest: readonly FacetKey[],
  query: ListQuery,
  day: CalendarDate,
): ValueRow[] {
  const where = whereAll(rest, query, day);
  switch (group) {
    case "agreement":
      return db.all<ValueRow>(sql`SELECT (SELECT slug FROM agreements WHERE id = g.agreement_id) AS value, level, n
        FROM (SELECT c.agreement_id, ${LEVEL} AS level, count(*) AS n FROM commitments c WHERE ${where}
          GROUP BY +c.agreement_id, level) g`);
    case "party":
      return db.all<ValueRow>(sql`SELECT cp.party_code AS value, ${LEVEL} AS level, count(*) AS n
        FROM commitments c CROSS JOIN commitment_parties cp ON cp.commitment_id = c.id WHERE ${where}
        GROUP BY cp.party_code, level`);
    case "total":
      return db.all<ValueRow>(sql`SELECT '' AS value, ${LEVEL} AS level, count(*) AS n FROM commitments c
        WHERE ${where} GROUP BY level`);
    default: {
      const column = group === "level" ? LEVEL : sql.raw(`c.${group}`);
      const skip =
        group === "owner" ? sql`AND c.owner <> ''` : group === "strength" ? sql`AND c.strength IS NOT NULL` : sql``;
      return db.all<ValueRow>(sql`SELECT ${column} AS value, ${LEVEL} AS level, count(*) AS n FROM commitments c
        WHERE ${where} ${skip} GROUP BY ${column}, level`);
    }
  }
}

/** Counts by `group` under `rest`: the summary when it can answer, else the rows. */
function countsBy(
  db: Db,
  group: Exclude<FacetKey, "overdue"> | "total",
  rest: readonly FacetKey[],
  query: ListQuery,
  day: CalendarDate,
): ValueRow[] {
  return fromSummary(db, group, rest, query) ?? fromRows(db, group, rest, query, day);
}

/** Total rows under `rest`, split by level. */
function totalOf(db: Db, rest: readonly FacetKey[], query: ListQuery, day: CalendarDate): Count {
  return toCounts(countsBy(db, "total", rest, query, day)).get("") ?? { commitments: 0, milestones: 0 };
}

/**
 * The overdue facet under `rest`: "1" counted on the target-date index (open rows whose target date
 * is before `day`), "0" the total under `rest` less those.
 */
function overdueFacet(db: Db, rest: readonly FacetKey[], query: ListQuery, day: CalendarDate): Map<string, Count> {
  // With no filter that has an index of its own (at most a level, no search), the partial index
  // of the open rows (commitments_deadline_idx, drizzle/0014) gives them in target-date order: a
  // range of its entries counted (2–4 ms at 50,000, against 20 ms over the live rows' target index
  // with a GROUP BY). Its WHERE is in `whereAll` (`c.live = 1`) and below, as
  // SQLite needs to use a partial index.
  const byDeadline = query.q === undefined && rest.every((f) => f === "level");
  const from = byDeadline ? sql`commitments c INDEXED BY commitments_deadline_idx` : sql`commitments c`;
  const [row] = db.values<[number, number]>(sql`SELECT count(*), count(c.parent_id)
    FROM ${from} WHERE ${whereAll(rest, query, day)} AND c.status NOT IN (${FINAL}) AND c.target_date < ${day}`);
  const late: Count = { commitments: (row?.[0] ?? 0) - (row?.[1] ?? 0), milestones: row?.[1] ?? 0 };
  const all = totalOf(db, rest, query, day);
  const onTime = { commitments: all.commitments - late.commitments, milestones: all.milestones - late.milestones };
  const out = new Map<string, Count>();
  if (late.commitments + late.milestones > 0) out.set("1", late);
  if (onTime.commitments + onTime.milestones > 0) out.set("0", onTime);
  return out;
}

/** Facets with a handful of values each, counted together from one grouping of the matching rows. */
const SMALL_FACETS = ["status", "overdue", "strength", "level"] as const satisfies readonly FacetKey[];
type SmallFacet = (typeof SMALL_FACETS)[number];
const isSmall = (facet: FacetKey): facet is SmallFacet => (SMALL_FACETS as readonly FacetKey[]).includes(facet);

/**
 * The counts of `facets` (none of them a set filter, so each is grouped under every set filter) and
 * the total, in one statement: the rows matching every set filter are read once (`m`, through the
 * most selective filter's index) and grouped per facet. Status, overdue, strength, level and the
 * total come from one grouping by all four (at most 7 × 2 × 4 × 2 rows), summed here, instead of a
 * pass over `m` each: for a search of 780 rows at 50,000 commitments that pass was 5 of 9.
 */
function fromMatchingRows(
  db: Db,
  facets: readonly FacetKey[],
  query: ListQuery,
  day: CalendarDate,
): { facets: Map<FacetKey, ValueRow[]>; total: ValueRow[] } {
  const parts = facets
    .filter((facet) => !isSmall(facet))
    .map((facet) => {
      switch (facet) {
        case "agreement":
          return `SELECT 'agreement' AS facet, (SELECT slug FROM agreements WHERE id = g.agreement_id) AS value, level, n,
              NULL, NULL, NULL FROM (SELECT agreement_id, level, count(*) AS n FROM m GROUP BY agreement_id, level) g`;
        case "party":
          return `SELECT 'party' AS facet, cp.party_code AS value, level, count(*) AS n, NULL, NULL, NULL
            FROM m CROSS JOIN commitment_parties cp ON cp.commitment_id = m.id GROUP BY cp.party_code, level`;
        case "owner":
          return `SELECT 'owner' AS facet, owner AS value, level, count(*) AS n, NULL, NULL, NULL FROM m
            WHERE owner IS NOT NULL AND owner <> '' GROUP BY owner, level`;
        default:
          return `SELECT '${facet}' AS facet, ${facet} AS value, level, count(*) AS n, NULL, NULL, NULL FROM m GROUP BY ${facet}, level`;
      }
    });
  // First: a compound select takes its column names from its first part.
  parts.unshift(`SELECT 'small' AS facet, '' AS value, level, count(*) AS n, status, overdue, strength
    FROM m GROUP BY level, status, overdue, strength`);
  type Row = ValueRow & {
    facet: FacetKey | "small";
    status: string | null;
    overdue: string | null;
    strength: string | null;
  };
  const rows = db.all<Row>(sql`WITH m AS MATERIALIZED (
      SELECT c.id, c.agreement_id, ${LEVEL} AS level, c.status, c.theme, c.owner, c.strength,
        CASE WHEN c.target_date < ${day} AND c.status NOT IN (${FINAL}) THEN '1' ELSE '0' END AS overdue
      FROM commitments c WHERE ${whereAll(setFilters(query), query, day)})
    ${sql.raw(parts.join(" UNION ALL "))}`);
  const out = new Map<FacetKey, ValueRow[]>();
  const push = (facet: FacetKey, row: ValueRow) => {
    const list = out.get(facet);
    if (list) list.push(row);
    else out.set(facet, [row]);
  };
  // Sums of the small grouping per facet value and level ("" for the total).
  const sums = new Map<string, ValueRow>();
  const add = (facet: SmallFacet | "total", value: string, level: ValueRow["level"], n: number) => {
    const key = `${facet}\u0000${value}\u0000${level}`;
    const row = sums.get(key);
    if (row) row.n += n;
    else sums.set(key, { value, level, n });
  };
  for (const r of rows) {
    if (r.facet !== "small") {
      push(r.facet, { value: r.value, level: r.level, n: r.n });
      continue;
    }
    add("total", "", r.level, r.n);
    add("status", r.status ?? "", r.level, r.n);
    add("overdue", r.overdue ?? "0", r.level, r.n);
    add("level", r.level, r.level, r.n);
    // As the strength facet always counted: rows without a strength are not a value of it.
    if (r.strength) add("strength", r.strength, r.level, r.n);
  }
  const total: ValueRow[] = [];
  for (const [key, row] of sums) {
    const facet = key.slice(0, key.indexOf("\u0000")) as SmallFacet | "total";
    if (facet === "total") total.push(row);
    else if (facets.includes(facet)) push(facet, row);
  }
  return { facets: out, total };
}

/**
 * The total and (unless `withFacets` is false) every facet's counts of `query` on `day`, for a query
 * without an as-of date (`usesIndexedList`): from the summary where it can answer (never with a
 * search); the
 * facets that are not set filters and that it cannot answer from one statement over the matching
 * rows; a set filter's own facet (grouped under the other filters) from its own grouped query.
 */
export function indexedCounts(
  db: Db,
  query: ListQuery,
  day: CalendarDate,
  withFacets: boolean,
): { facets: Record<FacetKey, Map<string, Count>>; total: Count } {
  const set = setFilters(query);
  const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, Count>()])) as Record<
    FacetKey,
    Map<string, Count>
  >;
  const zero: Count = { commitments: 0, milestones: 0 };
  const summaryTotal = fromSummary(db, "total", set, query);
  if (!withFacets) {
    return { facets, total: toCounts(summaryTotal ?? fromRows(db, "total", set, query, day)).get("") ?? zero };
  }
  const grouped: FacetKey[] = [];
  for (const facet of FACETS) {
    const rest = set.filter((f) => f !== facet);
    const summary = facet === "overdue" ? null : fromSummary(db, facet, rest, query);
    if (summary) facets[facet] = toCounts(summary);
    else if (!set.includes(facet)) grouped.push(facet);
    else if (facet === "overdue") facets.overdue = overdueFacet(db, rest, query, day);
    else facets[facet] = toCounts(fromRows(db, facet, rest, query, day));
  }
  // Overdue alone is cheaper from its index than from every matching row.
  if (grouped.length === 1 && grouped[0] === "overdue") {
    facets.overdue = overdueFacet(db, set, query, day);
    facets.theme = mergeCaseVariants(facets.theme);
    facets.owner = mergeCaseVariants(facets.owner);
    return { facets, total: toCounts(summaryTotal ?? fromRows(db, "total", set, query, day)).get("") ?? zero };
  }
  const matching = grouped.length > 0 ? fromMatchingRows(db, grouped, query, day) : null;
  for (const facet of grouped) facets[facet] = toCounts(matching?.facets.get(facet) ?? []);
  const total = summaryTotal ?? matching?.total ?? fromRows(db, "total", set, query, day);
  facets.theme = mergeCaseVariants(facets.theme);
  facets.owner = mergeCaseVariants(facets.owner);
  return { facets, total: toCounts(total).get("") ?? zero };
}

/**
 * The list's order over `commitments c` joined to `agreements a`: by agreement (newest signed first,
 * an index order: agreements_signed_order_idx, then commitments_live_idx), target date, last
 * assessment (`c.last_assessed_on`, kept by triggers: drizzle/0012_read_summaries.sql) or status.
 */
function orderBy(sort: ListQuery["sort"]): SQL {
  const byAgreement = `coalesce(a.signed_on, '') DESC, a.id, c.position, c.id`;
  switch (sort) {
    case "agreement":
      return sql.raw(byAgreement);
    case "target":
      return sql.raw(`c.target_date IS NULL, c.target_date, ${byAgreement}`);
    case "updated":
      // DESC puts NULLs (never assessed) last, as the list wants, and lets the index give the order.
      return sql.raw(`c.last_assessed_on DESC, ${byAgreement}`);
    case "status":
      return sql.raw(
        `CASE c.status ${STATUS_VALUES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(" ")} END, ${byAgreement}`,
      );
  }
}

/** Live rows in all (commitments and milestones), from the summary. */
export function liveTotal(db: Db): number {
  const [row] = db.values<[number | null]>(sql`SELECT sum(n) FROM live_counts WHERE dimension = 'all'`);
  return Number(row?.[0] ?? 0);
}

/**
 * How to read a page in the default order (by agreement) when `matching` of the `live` rows match:
 * "walk" the agreements' and commitments' order indexes and check each row against the filters
 * (reads about (offset + limit) × live / matching rows, then stops), or "sort": read the matching
 * rows through a filter's index and sort them (reads `matching` rows). The cheaper by that estimate;
 * the counts are exact (read just before), so the choice does not depend on planner statistics: with
 * them SQLite sorted every stalled row (8,000 at 50,000 commitments, 13 ms) instead of walking 150
 * rows (0.1 ms). A limit of -1 (every row) always sorts.
 */
export function pagePlan(matching: number, live: number, limit: number, offset: number): "walk" | "sort" {
  if (limit < 0 || matching === 0) return "sort";
  return (offset + limit) * live < matching * matching ? "walk" : "sort";
}

/** `whereAll` with no filter usable as an index term (`+`), for a walk of the order indexes. */
export function checksOnly(query: ListQuery, day: CalendarDate): SQL {
  const match = query.q === undefined ? null : ftsMatch(query.q);
  const search =
    match === null ? [] : [sql`+c.id IN (SELECT rowid FROM commitment_search WHERE commitment_search MATCH ${match})`];
  const checks = setFilters(query).map((f) => {
    switch (f) {
      case "agreement":
        return sql`+c.agreement_id IN (SELECT id FROM agreements WHERE slug = ${query.agreement ?? null})`;
      case "status":
        return sql`+c.status = ${query.status ?? null}`;
      case "theme":
        return sql`+c.theme = ${query.theme ?? null} COLLATE NOCASE`;
      case "party":
        return sql`EXISTS (SELECT 1 FROM commitment_parties cp WHERE cp.commitment_id = c.id AND cp.party_code = ${query.party ?? null})`;
      case "owner":
        return sql`(+c.owner <> '' AND +c.owner = ${query.owner ?? null} COLLATE NOCASE)`;
      case "strength":
        return sql`+c.strength = ${query.strength ?? null}`;
      case "overdue":
        return query.overdue === "1"
          ? sql`(+c.target_date < ${day} AND +c.status NOT IN (${FINAL}))`
          : sql`(+c.target_date IS NULL OR +c.target_date >= ${day} OR +c.status IN (${FINAL}))`;
      case "level":
        return query.level === "milestone" ? sql`+c.parent_id IS NOT NULL` : sql`+c.parent_id IS NULL`;
    }
  });
  return sql.join([sql`c.live = 1`, ...search, ...checks], sql` AND `);
}

/**
 * The ids (with status and target date) of the rows of `query` from `offset`, at most `limit`
 * (-1: all), in the list's order. In the default order, `matching` (the rows `query` returns, when
 * known) chooses between walking the order indexes and sorting the matching rows (`pagePlan`).
 */
export function indexedPage(
  db: Db,
  query: ListQuery,
  day: CalendarDate,
  limit: number,
  offset: number,
  matching?: number,
): { id: number; status: string; target_date: CalendarDate | null; target_moved: number }[] {
  if (query.sort === "agreement" && (matching !== undefined || limit < 0)) {
    const from =
      pagePlan(matching ?? 0, limit < 0 ? 0 : liveTotal(db), limit, offset) === "walk"
        ? sql`agreements a INDEXED BY agreements_signed_order_idx CROSS JOIN commitments c INDEXED BY commitments_live_idx
            ON c.agreement_id = a.id WHERE ${checksOnly(query, day)}`
        : sql`commitments c CROSS JOIN agreements a ON a.id = c.agreement_id WHERE ${whereAll(setFilters(query), query, day)}`;
    return db.all(sql`SELECT c.id, c.status, c.target_date, 0 AS target_moved FROM ${from}
      ORDER BY ${orderBy(query.sort)} LIMIT ${limit} OFFSET ${offset}`);
  }
  // By last update, the commitments index gives the order (ties sorted among themselves): commitments
  // first. Otherwise agreements first, in their index order.
  const from =
    query.sort === "updated"
      ? sql`commitments c CROSS JOIN agreements a ON a.id = c.agreement_id`
      : sql`agreements a JOIN commitments c ON c.agreement_id = a.id`;
  return db.all(sql`SELECT c.id, c.status, c.target_date, 0 AS target_moved
    FROM ${from}
    WHERE ${whereAll(setFilters(query), query, day)}
    ORDER BY ${orderBy(query.sort)} LIMIT ${limit} OFFSET ${offset}`);
}
