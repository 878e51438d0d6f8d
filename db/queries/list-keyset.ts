/**
 * The whole commitment list of a query (every page) read in chunks by keyset pagination, for the
 * CSV export (issue 9): each chunk is one statement that seeks past the last row of the previous
 * chunk on the list's sort key and the row id, so neither memory nor the time to the first chunk
 * grows with the number of rows, and no chunk re-reads or re-sorts the rows before it.
 *
 * The list's order (db/queries/list-counts.ts `orderBy`) is a primary key P (none, target date,
 * last assessment or status) and then the agreement order: newest signed agreement first, then
 * agreement id, position and commitment id. Two plans:
 * - "filtered": when few rows match (matching × chunks < live rows), one phase over the whole order:
 *   the rows are found through the filters' indexes, and each chunk sorts those past the cursor
 *   (at most `matching` rows, bounded by the filter).
 * - "phases": otherwise the rows are read one P group at a time in P order. The default order is
 *   one group; the status order a group per status. A group is either walked in the agreement
 *   order of the indexes (`agreements_signed_order_idx` then `commitments_live_idx`: no sort at all,
 *   each chunk seeks to the cursor's agreement) or, when small, read through P's index
 *   and sorted (at most the group's rows), whichever reads fewer rows by the counts. The dated rows
 *   of a date order are one range of the date's index (`commitments_live_target_idx`,
 *   `commitments_live_assessed_idx`) from the cursor's date on, the rows of one date sorted by
 *   agreement as they come (at most one day's rows); the rows without a date are the last group.
 * The as-of view is not read here (its status per row is computed, not indexed).
 */
import { type SQL, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import type { ListQuery } from "../../lib/commitment-list";
import { STATUS_VALUES, type Status } from "../../lib/status";
import type { Db } from "../client";
import { checksOnly, indexedCounts, liveTotal, setFilters, whereAll } from "./list-counts";

/** A row of the export's id list: what `hydrate` (db/queries/list.ts) needs with the order keys. */
export interface KeysetRow {
  id: number;
  status: Status;
  target_date: CalendarDate | null;
  target_moved: number;
  /** the sort key's values, in `listOrderKeys` order (the last is the id) */
  keys: (string | number)[];
}

interface RawRow {
  id: number;
  status: Status;
  target_date: CalendarDate | null;
  k: string;
}

interface OrderKey {
  expr: string;
  desc: boolean;
}

/**
 * The list's order for `sort` as never-NULL key expressions over `commitments c` joined to
 * `agreements a`: the same order as list-counts.ts `orderBy` (NULL dates last), ending in `c.id`.
 */
export function listOrderKeys(sort: ListQuery["sort"]): OrderKey[] {
  const byAgreement: OrderKey[] = [
    { expr: "coalesce(a.signed_on, '')", desc: true },
    { expr: "a.id", desc: false },
    { expr: "c.position", desc: false },
    { expr: "c.id", desc: false },
  ];
  switch (sort) {
    case "agreement":
      return byAgreement;
    case "target":
      return [
        { expr: "(c.target_date IS NULL)", desc: false },
        { expr: "coalesce(c.target_date, '')", desc: false },
        ...byAgreement,
      ];
    case "updated":
      return [
        { expr: "(c.last_assessed_on IS NULL)", desc: false },
        { expr: "coalesce(c.last_assessed_on, '')", desc: true },
        ...byAgreement,
      ];
    case "status":
      return [
        { expr: `CASE c.status ${STATUS_VALUES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(" ")} END`, desc: false },
        ...byAgreement,
      ];
  }
}

/** The agreement part of the order: `coalesce(a.signed_on, '')` DESC, a.id, c.position, c.id. */
const AGREEMENT_KEYS = listOrderKeys("agreement");

/**
 * `keys` > `values` in the order (DESC keys compared the other way), as nested OR/AND terms: a
 * filter only, for rows already narrowed by an index.
 */
function after(keys: readonly OrderKey[], values: readonly (string | number)[]): SQL {
  const [first, ...rest] = keys;
  if (first === undefined) return sql`0`;
  const value = values[0];
  const beyond = sql`${sql.raw(first.expr)} ${sql.raw(first.desc ? "<" : ">")} ${value}`;
  if (rest.length === 0) return beyond;
  return sql`(${beyond} OR (${sql.raw(first.expr)} = ${value} AND ${after(rest, values.slice(1))}))`;
}

function keyColumns(keys: readonly { expr: string }[]): SQL {
  return sql.raw(`json_array(${keys.map((k) => k.expr).join(", ")})`);
}

function orderOf(keys: readonly OrderKey[]): SQL {
  return sql.raw(keys.map((k) => `${k.expr}${k.desc ? " DESC" : ""}`).join(", "));
}

function toRows(raw: readonly RawRow[]): KeysetRow[] {
  return raw.map((r) => ({
    id: r.id,
    status: r.status,
    target_date: r.target_date,
    target_moved: 0,
    keys: JSON.parse(r.k) as (string | number)[],
  }));
}

/**
 * One group of the "phases" plan: its condition on `c` (index-usable), its `+` check, its size
 * (-1: the dated rows of a date sort, read by `rangeChunk`).
 */
interface Phase {
  cond: SQL;
  check: SQL;
  size: number;
}

/** The P groups of `sort`, in the list's order, each with its (unfiltered) number of live rows. */
function* phases(db: Db, query: ListQuery, live: number): Generator<Phase> {
  const sort = query.sort;
  if (sort === "agreement") {
    yield { cond: sql`1`, check: sql`1`, size: live };
    return;
  }
  if (sort === "status") {
    const sizes = new Map(
      db
        .all<{ status: string; n: number }>(
          sql`SELECT status, sum(n) AS n FROM live_counts WHERE dimension = 'all' GROUP BY status`,
        )
        .map((r) => [r.status, Number(r.n)]),
    );
    for (const status of STATUS_VALUES) {
      if (query.status !== undefined && query.status !== status) continue;
      yield { cond: sql`c.status = ${status}`, check: sql`+c.status = ${status}`, size: sizes.get(status) ?? 0 };
    }
    return;
  }
  // Dates (target ascending, last assessment descending): the rows with one are read as one range
  // of the date's index (`rangeChunk`); the rows without one come last, as a group.
  const column = sql.raw(sort === "target" ? "c.target_date" : "c.last_assessed_on");
  const [nulls] = db.values<[number]>(sql`SELECT count(*) FROM commitments c WHERE c.live = 1 AND ${column} IS NULL`);
  yield { cond: sql`${column} IS NOT NULL`, check: sql`+${column} IS NOT NULL`, size: -1 };
  yield { cond: sql`${column} IS NULL`, check: sql`+${column} IS NULL`, size: Number(nulls?.[0] ?? 0) };
}

/**
 * One chunk of the rows that have a date of the date sort `sort` ("target" or "updated"), past
 * `cursor`: a range of the date's index from the cursor's date on, in date order, the rows of one
 * date sorted by the agreement order as SQLite reaches them (a sort of one day's rows at a time,
 * stopped at `limit`).
 */
function rangeChunk(db: Db, query: ListQuery, day: CalendarDate, cursor: KeysetRow | null, limit: number) {
  const target = query.sort === "target";
  const column = sql.raw(target ? "c.target_date" : "c.last_assessed_on");
  const index = sql.raw(target ? "commitments_live_target_idx" : "commitments_live_assessed_idx");
  const date = cursor?.keys[1];
  const seek =
    cursor === null
      ? sql`AND ${column} IS NOT NULL`
      : sql`AND ${column} ${sql.raw(target ? ">=" : "<=")} ${date}
          AND (${column} <> ${date} OR ${after(AGREEMENT_KEYS, cursor.keys.slice(-4))})`;
  return db.all<RawRow>(sql`SELECT c.id, c.status, c.target_date, ${keyColumns(listOrderKeys(query.sort))} AS k
    FROM commitments c INDEXED BY ${index} CROSS JOIN agreements a ON a.id = c.agreement_id
    WHERE ${checksOnly(query, day)} ${seek}
    ORDER BY ${column} ${sql.raw(target ? "" : "DESC")}, ${orderOf(AGREEMENT_KEYS)} LIMIT ${limit}`);
}

/** Rows read by walking (every live row once) against sorting a group per chunk (size × chunks). */
function walks(size: number, live: number, chunk: number): boolean {
  return size * Math.ceil(size / chunk) >= live;
}

/**
 * One chunk of a walk of the order indexes past `cursor` (agreement keys): agreements from the
 * cursor's on (a range of agreements_signed_order_idx, its expression `coalesce(signed_on, '')`),
 * each agreement's rows in position order (commitments_live_idx); in the cursor's agreement the rows
 * up to the cursor are passed over by a check (at most one agreement's rows). No sort.
 */
function walkChunk(db: Db, query: ListQuery, day: CalendarDate, check: SQL, cursor: KeysetRow | null, limit: number) {
  const keys = cursor?.keys.slice(-4);
  const seek =
    keys === undefined
      ? sql``
      : sql`AND coalesce(a.signed_on, '') <= ${keys[0]} AND (coalesce(a.signed_on, '') < ${keys[0]} OR a.id >= ${keys[1]})
          AND (a.id <> ${keys[1]} OR c.position > ${keys[2]} OR (c.position = ${keys[2]} AND c.id > ${keys[3]}))`;
  return db.all<RawRow>(sql`SELECT c.id, c.status, c.target_date, ${keyColumns(listOrderKeys(query.sort))} AS k
    FROM agreements a INDEXED BY agreements_signed_order_idx CROSS JOIN commitments c INDEXED BY commitments_live_idx
      ON c.agreement_id = a.id
    WHERE ${checksOnly(query, day)} AND ${check} ${seek}
    ORDER BY ${orderOf(AGREEMENT_KEYS)} LIMIT ${limit}`);
}

/** One chunk of the rows of `where` (which an index drives) past `cursor` on `keys`, sorted. */
function sortChunk(
  db: Db,
  query: ListQuery,
  where: SQL,
  keys: readonly OrderKey[],
  cursor: KeysetRow | null,
  limit: number,
) {
  const values = cursor?.keys.slice(-keys.length);
  return db.all<RawRow>(sql`SELECT c.id, c.status, c.target_date, ${keyColumns(listOrderKeys(query.sort))} AS k
    FROM commitments c CROSS JOIN agreements a ON a.id = c.agreement_id
    WHERE ${where} ${values === undefined ? sql`` : sql`AND ${after(keys, values)}`}
    ORDER BY ${orderOf(keys)} LIMIT ${limit}`);
}

/**
 * Every row of `query` (no as-of date) on `day`, in the list's order, as id lists of about `chunk`
 * rows (a group's last chunk may be shorter; chunks are merged up to `chunk`), each read by one
 * bounded statement. The caller hydrates each list before asking for the next.
 */
export function* keysetChunks(db: Db, query: ListQuery, day: CalendarDate, chunk = 500): Generator<KeysetRow[]> {
  const live = liveTotal(db);
  const total = indexedCounts(db, query, day, false).total;
  const matching = total.commitments + total.milestones;
  if (matching === 0) return;
  let buffer: KeysetRow[] = [];
  const read = function* (next: (cursor: KeysetRow | null) => RawRow[]): Generator<KeysetRow[]> {
    let cursor: KeysetRow | null = null;
    for (;;) {
      const rows = toRows(next(cursor));
      buffer.push(...rows);
      if (buffer.length >= chunk) {
        yield buffer;
        buffer = [];
      }
      if (rows.length < chunk) return;
      cursor = rows[rows.length - 1] ?? null;
    }
  };
  if (!walks(matching, live, chunk) && setFilters(query).length + (query.q === undefined ? 0 : 1) > 0) {
    // Few rows match: the filters' indexes find them, each chunk sorts those past the cursor.
    const where = whereAll(setFilters(query), query, day);
    yield* read((cursor) => sortChunk(db, query, where, listOrderKeys(query.sort), cursor, chunk));
  } else {
    for (const phase of phases(db, query, live)) {
      if (phase.size === 0) continue;
      if (phase.size < 0) {
        yield* read((cursor) => rangeChunk(db, query, day, cursor, chunk));
      } else if (walks(phase.size, live, chunk)) {
        yield* read((cursor) => walkChunk(db, query, day, phase.check, cursor, chunk));
      } else {
        const where = sql`${checksOnly(query, day)} AND ${phase.cond}`;
        yield* read((cursor) => sortChunk(db, query, where, AGREEMENT_KEYS, cursor, chunk));
      }
    }
  }
  if (buffer.length > 0) yield buffer;
}
