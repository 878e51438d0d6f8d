/**
 * The commitment list (filters, facet counts, sorting, pagination, full-text search and the as-of
 * view) as bounded SQL queries (issue 9; docs/decisions/010-reads-in-sql.md). It returns what
 * `listCommitments` in lib/commitment-list.ts returns for the same query — that function stays the
 * reference rule and the unit tests check the two agree — but no request reads every commitment or
 * status update into JavaScript, and no query binds one variable per row: a list of ids (a page, or
 * a chunk of an export) is bound as one JSON array and read with `json_each`.
 *
 * Counting rule: top-level commitments and milestones are counted apart, and the count shown for a
 * filter value is the number of rows the list returns when that value is chosen, other filters kept.
 */
import { type SQL, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import {
  type CatalogRow,
  type Count,
  FACETS,
  type HistoryPoint,
  type ListQuery,
  type ListResult,
  mergeCaseVariants,
  PAGE_SIZE,
} from "../../lib/commitment-list";
import { isAssessment } from "../../lib/freshness";
import { rollUpProgress } from "../../lib/progress";
import { isFinal, STATUS_VALUES, type Status } from "../../lib/status";
import type { TargetPrecision } from "../../lib/target-date";
import type { Db } from "../client";
import { liveRow } from "../live";
import { ftsMatch } from "./catalog";
import { indexedCounts, indexedPage, usesIndexedList } from "./list-counts";
import { keysetChunks } from "./list-keyset";
import { addedOnByCommitment } from "./shared";

type FacetKey = (typeof FACETS)[number];

const FINAL_STATUSES = sql.raw(
  STATUS_VALUES.filter((s) => isFinal(s))
    .map((s) => `'${s}'`)
    .join(", "),
);
const STATUS_RANK = `CASE status ${STATUS_VALUES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(" ")} END`;

/** One id list bound as a single JSON parameter: `IN (SELECT value FROM json_each(?))`. */
export function idsParam(ids: readonly number[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/** The latest assessment (lib/freshness.ts) day of `c.id`, on or before `asOf` when given. */
function lastAssessedExpr(asOf: CalendarDate | undefined): SQL {
  return sql`(SELECT max(s.happened_on) FROM status_updates s
    WHERE s.commitment_id = c.id AND s.target_date_from IS s.target_date_to
    ${asOf ? sql`AND s.happened_on <= ${asOf}` : sql``})`;
}

/**
 * The live rows as they stood at the end of `asOf` (or as they are), one per commitment, with a
 * 0/1 "misses" column per set filter: `m_<facet>` is 1 when the row fails that filter. A row is in
 * the list when the sum is 0; it counts for facet F's values when it misses nothing but F.
 */
function flaggedCte(query: ListQuery, today: CalendarDate, withLastAssessed: boolean): SQL {
  const asOf = query.asOf;
  const day = asOf ?? today;
  const status = asOf
    ? sql`coalesce((SELECT s.status_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= ${asOf}
        ORDER BY s.happened_on DESC, s.id DESC LIMIT 1), 'not_assessed')`
    : sql`c.status`;
  // The target before the first later entry that moved it ('~' stands for a move from no date).
  const move = asOf
    ? sql`(SELECT coalesce(s.target_date_from, '~') FROM status_updates s WHERE s.commitment_id = c.id
        AND s.happened_on > ${asOf} AND s.target_date_from IS NOT s.target_date_to ORDER BY s.happened_on, s.id LIMIT 1)`
    : sql`NULL`;
  const match = query.q ? ftsMatch(query.q) : null;
  const base = sql`SELECT c.id, c.parent_id, c.agreement_id, c.position, a.slug, a.signed_on, c.theme, c.owner,
      c.strength, CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END AS level,
      ${status} AS status, c.target_date AS current_target, ${move} AS move
      ${withLastAssessed ? sql`, ${lastAssessedExpr(asOf)} AS last_updated` : sql`, NULL AS last_updated`}
    FROM commitments c
    JOIN agreements a ON a.id = c.agreement_id
    ${match === null ? sql`` : sql`JOIN commitment_search fts ON fts.rowid = c.id AND commitment_search MATCH ${match}`}
    WHERE ${liveRow("c")} ${asOf ? sql`AND (a.signed_on IS NULL OR a.signed_on <= ${asOf})` : sql``}`;
  const miss: Record<FacetKey, SQL | null> = {
    agreement: query.agreement === undefined ? null : sql`slug IS NOT ${query.agreement}`,
    status: query.status === undefined ? null : sql`status IS NOT ${query.status}`,
    theme: query.theme === undefined ? null : sql`lower(theme) IS NOT lower(${query.theme})`,
    party:
      query.party === undefined
        ? null
        : sql`NOT EXISTS (SELECT 1 FROM commitment_parties cp WHERE cp.commitment_id = b.id AND cp.party_code = ${query.party})`,
    owner: query.owner === undefined ? null : sql`(owner = '' OR lower(owner) IS NOT lower(${query.owner}))`,
    strength: query.strength === undefined ? null : sql`strength IS NOT ${query.strength}`,
    overdue: query.overdue === undefined ? null : sql`overdue IS NOT ${query.overdue === "1" ? 1 : 0}`,
    level: query.level === undefined ? null : sql`level IS NOT ${query.level}`,
  };
  const flags = sql.join(
    FACETS.map((f) => sql`${miss[f] === null ? sql`0` : sql`(${miss[f]})`} AS ${sql.raw(`m_${f}`)}`),
    sql`, `,
  );
  const misses = sql.raw(FACETS.map((f) => `m_${f}`).join(" + "));
  // One materialised table per statement (f) of the rows that miss at most one filter (the others
  // count nowhere); the steps before it are flattened into it by SQLite,
  // except the as-of columns, whose correlated sub-selects are computed once (b0 materialised).
  return sql`WITH
    b0 AS ${asOf ? sql`MATERIALIZED` : sql`NOT MATERIALIZED`} (${base}),
    f AS MATERIALIZED (SELECT *, ${misses} AS misses FROM (SELECT *, ${flags} FROM (
      SELECT *, (target_date IS NOT NULL AND target_date < ${day} AND status NOT IN (${FINAL_STATUSES})) AS overdue
      FROM (SELECT *,
          CASE WHEN move IS NULL OR move IS current_target THEN current_target WHEN move = '~' THEN NULL ELSE move END
            AS target_date,
          move IS NOT NULL AND move IS NOT current_target AS target_moved
        FROM b0) b) b) WHERE ${misses} <= 1)`;
}

function orderBy(sort: ListQuery["sort"]): SQL {
  const byAgreement = `coalesce(signed_on, '') DESC, agreement_id, position, id`;
  switch (sort) {
    case "agreement":
      return sql.raw(byAgreement);
    case "target":
      return sql.raw(`target_date IS NULL, target_date, ${byAgreement}`);
    case "updated":
      return sql.raw(`last_updated IS NULL, last_updated DESC, ${byAgreement}`);
    case "status":
      return sql.raw(`${STATUS_RANK}, ${byAgreement}`);
  }
}

interface FacetRow {
  facet: FacetKey | "total" | "page";
  value: string | number | null;
  level: "commitment" | "milestone";
  n: number;
}

/**
 * Facet counts and the total of `query` in one statement over the flagged rows; with `page`, the
 * same statement also returns the ids of that page (`listed`, rows `offset`… in the list's order),
 * so the flagged rows (for the as-of view, every live row's status on the day) are built once a
 * request rather than once for the counts and again for the page. `listed` is undefined when the
 * summary table answers (usesIndexedList).
 */
function facetCounts(
  db: Db,
  query: ListQuery,
  today: CalendarDate,
  withFacets: boolean,
  page?: { limit: number; offset: number },
): Pick<ListResult, "facets" | "total"> & { listed?: ListedRow[] } {
  if (usesIndexedList(query)) return indexedCounts(db, query, today, withFacets);
  const column: Record<FacetKey, string> = {
    agreement: "agreement_id",
    status: "status",
    theme: "theme",
    party: "cp.party_code",
    owner: "owner",
    strength: "strength",
    overdue: "overdue",
    level: "level",
  };
  const parts = (withFacets ? FACETS : []).map((facet) => {
    const value = column[facet];
    if (facet === "agreement") {
      return `SELECT 'agreement' AS facet, (SELECT slug FROM agreements WHERE id = g.agreement_id) AS value, level, n
        FROM (SELECT agreement_id, level, count(*) AS n FROM f WHERE misses - m_agreement = 0
          GROUP BY agreement_id, level) g`;
    }
    const from = facet === "party" ? "f JOIN commitment_parties cp ON cp.commitment_id = f.id" : "f";
    const extra = facet === "owner" ? " AND owner <> ''" : facet === "strength" ? " AND strength IS NOT NULL" : "";
    return `SELECT '${facet}' AS facet, ${value} AS value, level, count(*) AS n FROM ${from}
      WHERE misses - m_${facet} = 0${extra} GROUP BY ${value}, level`;
  });
  parts.push(`SELECT 'total' AS facet, NULL AS value, level, count(*) AS n FROM f WHERE misses = 0 GROUP BY level`);
  const pagePart =
    page === undefined
      ? sql``
      : sql` UNION ALL SELECT 'page' AS facet, json_group_array(json_array(id, status, target_date, target_moved)) AS value,
          NULL AS level, 0 AS n FROM (SELECT id, status, target_date, target_moved FROM f WHERE misses = 0
          ORDER BY ${orderBy(query.sort)} LIMIT ${page.limit} OFFSET ${page.offset})`;
  const withLastAssessed = page !== undefined && query.sort === "updated";
  const rows = db.all<FacetRow>(
    sql`${flaggedCte(query, today, withLastAssessed)} ${sql.raw(parts.join(" UNION ALL "))}${pagePart}`,
  );
  let listed: ListedRow[] | undefined;
  const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, Count>()])) as Record<
    FacetKey,
    Map<string, Count>
  >;
  const total: Count = { commitments: 0, milestones: 0 };
  for (const r of rows) {
    if (r.facet === "page") {
      listed = (JSON.parse(String(r.value)) as [number, Status, CalendarDate | null, number][]).map(
        ([id, status, target_date, target_moved]) => ({ id, status, target_date, target_moved }),
      );
      continue;
    }
    const c: Count =
      r.facet === "total" ? total : (facets[r.facet].get(String(r.value)) ?? { commitments: 0, milestones: 0 });
    if (r.level === "milestone") c.milestones += r.n;
    else c.commitments += r.n;
    if (r.facet !== "total") facets[r.facet].set(String(r.value), c);
  }
  facets.theme = mergeCaseVariants(facets.theme);
  facets.owner = mergeCaseVariants(facets.owner);
  return { facets, total, listed };
}

interface ListedRow {
  id: number;
  status: Status;
  target_date: CalendarDate | null;
  target_moved: number;
}

/** The ids (with their as-of status and target) of one page of `query`, in the list's order. */
function pageIds(
  db: Db,
  query: ListQuery,
  today: CalendarDate,
  limit: number,
  offset: number,
  matching?: number,
): ListedRow[] {
  if (usesIndexedList(query)) return indexedPage(db, query, today, limit, offset, matching) as ListedRow[];
  return db.all<ListedRow>(sql`${flaggedCte(query, today, query.sort === "updated")}
    SELECT id, status, target_date, target_moved FROM f WHERE misses = 0
    ORDER BY ${orderBy(query.sort)} LIMIT ${limit} OFFSET ${offset}`);
}

interface DetailRow {
  id: number;
  ref: string;
  title: string;
  parentId: number | null;
  position: number;
  theme: string;
  strength: CatalogRow["strength"];
  owner: string;
  targetDate: CalendarDate | null;
  targetPrecision: TargetPrecision | null;
  targetPhrase: string;
  status: Status;
  lastAssessedOn: CalendarDate | null;
  progress: number | null;
  agreementId: number;
  slug: string;
  agreementTitle: string;
  signedOn: CalendarDate | null;
  parties: string | null;
}

/**
 * Effective progress (lib/progress.ts `rollUpProgress`, the reference rule) of each of `ids`, from
 * the rows of their subtrees (live milestones under them, found by a recursive query seeded with the
 * ids), as they are or as they stood at the end of `asOf` (last status and last recorded progress on
 * or before it). Reads only those subtrees.
 */
export function rolledProgress(db: Db, ids: readonly number[], asOf?: CalendarDate): Map<number, number | null> {
  if (ids.length === 0) return new Map();
  const status = asOf
    ? sql`coalesce((SELECT s.status_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= ${asOf}
        ORDER BY s.happened_on DESC, s.id DESC LIMIT 1), 'not_assessed')`
    : sql`c.status`;
  const progress = asOf
    ? sql`(SELECT s.progress_to FROM status_updates s WHERE s.commitment_id = c.id AND s.happened_on <= ${asOf}
        AND s.progress_to IS NOT NULL ORDER BY s.happened_on DESC, s.id DESC LIMIT 1)`
    : sql`c.progress`;
  const rows = db.all<{ id: number; parentId: number | null; progress: number | null; status: Status }>(sql`
    WITH RECURSIVE tree(id, depth) AS (
      SELECT value, 0 FROM json_each(${JSON.stringify(ids)})
      UNION
      SELECT c.id, tree.depth + 1 FROM commitments c JOIN tree ON c.parent_id = tree.id
      WHERE c.deleted_at IS NULL AND tree.depth < 100
    )
    SELECT DISTINCT c.id, c.parent_id AS parentId, ${progress} AS progress, ${status} AS status
    FROM tree JOIN commitments c ON c.id = tree.id`);
  // A row whose parent is outside the walk simply has no row above it; ids that are milestones of
  // other ids (a page mixing a parent and its milestones) keep their place under it.
  return rollUpProgress(rows);
}

/**
 * Full catalog rows for `listed` (at most a page or an export chunk), in that order: the row, its
 * agreement, parties, roll-up progress, last assessment, day added and history, as they stood at
 * the end of `asOf` when given (lib/commitment-list.ts `asOfRow`).
 */
function hydrate(
  db: Db,
  listed: readonly ListedRow[],
  asOf: CalendarDate | undefined,
  withHistory: boolean = asOf !== undefined,
): CatalogRow[] {
  if (listed.length === 0) return [];
  const ids = listed.map((r) => r.id);
  const details = new Map(
    db
      .all<DetailRow>(
        sql`SELECT c.id, c.ref, c.title, c.parent_id AS parentId, c.position, c.theme, c.strength, c.owner,
          c.target_date AS targetDate, c.target_precision AS targetPrecision, c.target_phrase AS targetPhrase,
          c.status, c.progress, c.last_assessed_on AS lastAssessedOn, a.id AS agreementId, a.slug,
          a.title AS agreementTitle, a.signed_on AS signedOn,
          (SELECT group_concat(party_code, ',') FROM
            (SELECT cp.party_code FROM commitment_parties cp WHERE cp.commitment_id = c.id ORDER BY cp.party_code)) AS parties
        FROM commitments c JOIN agreements a ON a.id = c.agreement_id WHERE c.id IN ${idsParam(ids)}`,
      )
      .map((d) => [d.id, d]),
  );
  // The list and the export read the history only for an as-of view (its last assessment by then);
  // today's is kept on the row (`last_assessed_on`, triggers of drizzle/0012), which spares reading
  // ten updates per row: 25 ms a chunk of 500 at 50,000 commitments, most of a CSV's time.
  const history = new Map<number, HistoryPoint[]>();
  const points = !withHistory
    ? []
    : db.all<HistoryPoint & { commitmentId: number }>(
        sql`SELECT id, commitment_id AS commitmentId, happened_on AS happenedOn, status_to AS statusTo,
      progress_to AS progressTo, target_date_from AS targetDateFrom, target_date_to AS targetDateTo
    FROM status_updates WHERE commitment_id IN ${idsParam(ids)} ORDER BY happened_on, id`,
      );
  for (const { commitmentId, ...p } of points) {
    const list = history.get(commitmentId) ?? [];
    list.push(p);
    history.set(commitmentId, list);
  }
  const rolled = rolledProgress(db, ids, asOf);
  const added = addedOnByCommitment(db, ids);
  return listed.flatMap((l) => {
    const d = details.get(l.id);
    if (!d) return [];
    const h = history.get(l.id) ?? [];
    const past = asOf ? h.filter((p) => p.happenedOn <= asOf) : h;
    const row: CatalogRow = {
      id: d.id,
      ref: d.ref,
      title: d.title,
      parentId: d.parentId,
      level: d.parentId === null ? "commitment" : "milestone",
      position: d.position,
      agreement: { id: d.agreementId, slug: d.slug, title: d.agreementTitle, signedOn: d.signedOn },
      theme: d.theme,
      strength: d.strength,
      owner: d.owner,
      parties: d.parties ? d.parties.split(",") : [],
      targetDate: l.target_date,
      targetPrecision: l.target_moved ? null : d.targetPrecision,
      targetPhrase: l.target_moved ? "" : d.targetPhrase,
      status: l.status,
      progress: rolled.get(d.id) ?? null,
      lastUpdatedOn: asOf ? (past.findLast(isAssessment)?.happenedOn ?? null) : d.lastAssessedOn,
      addedOn: added.get(d.id) ?? null,
      history: h,
    };
    return [row];
  });
}

/**
 * Filter, count, sort and paginate the live commitments for `query` on `today`, in SQL: the same
 * result as the reference rule `listCommitments` over every live row (lib/commitment-list.ts; the unit
 * tests load those rows with tests/support/catalog.ts).
 * @param pageSize rows per page (default `PAGE_SIZE`).
 * @param options.facets false to skip the facet counts (left empty), for readers that show only the
 *   total (the API).
 */
export function queryCommitmentList(
  db: Db,
  query: ListQuery,
  today: CalendarDate,
  pageSize: number = PAGE_SIZE,
  options: { facets?: boolean } = {},
): ListResult {
  const asked = { limit: pageSize, offset: (query.page - 1) * pageSize };
  const { facets, total, listed: first } = facetCounts(db, query, today, options.facets ?? true, asked);
  const matching = total.commitments + total.milestones;
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  const page = Math.min(query.page, pages);
  // The page came with the counts unless the summary table answered or the page asked is past the last.
  const listed =
    matching === 0
      ? []
      : first !== undefined && page === query.page
        ? first
        : pageIds(db, query, today, pageSize, (page - 1) * pageSize, matching);
  return { rows: hydrate(db, listed, query.asOf), total, page, pages, facets, day: query.asOf ?? today };
}

/**
 * Every row of `query` (all pages), in the list's order, read in chunks of `chunk` rows so an export
 * holds one chunk at a time (each chunk one keyset statement, db/queries/list-keyset.ts, except for
 * the as-of view): a generator for streaming (app/commitments.csv). Each row's `history`
 * is read for an as-of query, or with `options.history` (a reader that replays it, such as the
 * agreement page's as-of view); otherwise it is left empty.
 */
export function* iterateCommitmentList(
  db: Db,
  query: ListQuery,
  today: CalendarDate,
  chunk = 500,
  options: { history?: boolean } = {},
): Generator<CatalogRow> {
  const history = options.history ?? query.asOf !== undefined;
  if (usesIndexedList(query)) {
    // Keyset chunks (db/queries/list-keyset.ts): one bounded statement each, hydrated in turn.
    for (const listed of keysetChunks(db, query, today, chunk)) yield* hydrate(db, listed, undefined, history);
    return;
  }
  // The as-of view: the ordered ids with their as-of fields (four columns) read at once, since each
  // row's status on the day is computed over every live row; the full rows come per chunk.
  const listed = pageIds(db, query, today, -1, 0);
  for (let i = 0; i < listed.length; i += chunk) {
    yield* hydrate(db, listed.slice(i, i + chunk), query.asOf, history);
  }
}

/**
 * Slug and title of live agreements that have a live top-level commitment, newest signed first, at
 * most `limit` of them (a select of agreements; more than that and the page asks for a typed slug).
 */
export function someAgreementTitles(db: Db, limit: number): { slug: string; title: string }[] {
  return db.all<{ slug: string; title: string }>(sql`SELECT a.slug, a.title FROM agreements a
    WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM commitments c WHERE c.agreement_id = a.id
      AND c.parent_id IS NULL AND c.live = 1)
    ORDER BY coalesce(a.signed_on, '') DESC, a.id LIMIT ${limit}`);
}

/**
 * Slug and title of the agreements of `slugs` (at most a facet's shown values, bound as one JSON
 * array), newest signed first, for the list's agreement filter.
 */
export function agreementTitles(db: Db, slugs: readonly string[]): { slug: string; title: string }[] {
  if (slugs.length === 0) return [];
  return db.all<{ slug: string; title: string }>(sql`SELECT a.slug, a.title FROM agreements a
    WHERE a.slug IN (SELECT value FROM json_each(${JSON.stringify(slugs)})) AND a.deleted_at IS NULL
    ORDER BY coalesce(a.signed_on, '') DESC, a.id`);
}

/**
 * The catalog rows (as the list shows them today) of `ids`, in that order, skipping ids that are
 * not live, each with its history. For a commitment's page and API answer, the compare view and
 * other readers of a few rows.
 */
export function catalogRows(db: Db, ids: readonly number[]): CatalogRow[] {
  if (ids.length === 0) return [];
  const found = new Map(
    db
      .all<ListedRow>(
        sql`SELECT c.id, c.status, c.target_date, 0 AS target_moved FROM commitments c
        WHERE c.id IN ${idsParam(ids)} AND ${liveRow("c")}`,
      )
      .map((r) => [r.id, r]),
  );
  return hydrate(
    db,
    ids.flatMap((id) => found.get(id) ?? []),
    undefined,
    true,
  );
}

export interface BreakdownCount {
  /** the theme or owner as stored ("" for no owner) */
  key: string;
  status: Status;
  /** live top-level commitments with that key and status (the counting rule) */
  count: number;
}

/** Keys a home-page chart shows at most (the rest are summed up in one line and found in the list). */
export const BREAKDOWN_KEYS_SHOWN = 15;

/**
 * Live top-level commitments of every agreement counted by `by` (theme or owner, spellings that
 * differ in ASCII case only taken as one key) and status, from the summary table `live_counts`
 * (drizzle/0012): the `limit` keys with the most commitments (most
 * first, then by key), each with its counts per status; `keys` is how many keys there are in all.
 * Reads at most (keys × statuses) summary rows, never the commitments themselves.
 */
export function statusBreakdown(
  db: Db,
  by: "theme" | "owner",
  limit: number = BREAKDOWN_KEYS_SHOWN,
): { rows: BreakdownCount[]; keys: number } {
  // Spellings that differ in ASCII case only are one key (the list's filter is case-blind, so a
  // bar's link returns them all), shown as the spelling with the most commitments (then the first in
  // code-unit order), as the list's facets do (lib/commitment-list.ts mergeCaseVariants).
  const rows = db.all<BreakdownCount>(sql`
    WITH s AS (SELECT key, status, sum(n) AS n FROM live_counts WHERE dimension = ${by} AND level = 'commitment'
      GROUP BY key, status HAVING sum(n) > 0),
    spelt AS (SELECT key, sum(n) AS total FROM s GROUP BY key),
    label AS (SELECT key, first_value(key) OVER (PARTITION BY key COLLATE NOCASE ORDER BY total DESC, key) AS label
      FROM spelt),
    k AS (SELECT label.label AS key, s.status, sum(s.n) AS n FROM s JOIN label ON label.key = s.key
      GROUP BY label.label, s.status),
    top AS (SELECT key, sum(n) AS total FROM k GROUP BY key ORDER BY total DESC, key LIMIT ${limit})
    SELECT k.key, k.status, k.n AS count FROM k JOIN top ON top.key = k.key ORDER BY top.total DESC, k.key, k.status`);
  const keys =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM live_counts
      WHERE dimension = ${by} AND level = 'commitment' AND n > 0 GROUP BY key COLLATE NOCASE)`)?.n ?? 0;
  return { rows, keys };
}
