/**
 * The commitment list of issue 4, as pure functions over catalog rows: the reference rules the SQL
 * reads (db/queries/list.ts) are tested against, over every row (tests/support/catalog.ts):
 * filters, "as of a date", sorting, pagination and the count for every filter value. The page, the
 * JSON API and the CSV export all use these, so they agree.
 *
 * Counting rule (used everywhere): top-level commitments and milestones are counted separately.
 * The count shown for a filter value is the number of rows the list returns when that value is
 * chosen with the other filters kept, split into commitments and milestones.
 */
import { z } from "zod";

import { type CalendarDate, isCalendarDate } from "./calendar-date";
import { isAssessment } from "./freshness";
import { rollUpProgress } from "./progress";
import { isFinal, STATUS_VALUES, type Status } from "./status";
import type { TargetPrecision } from "./target-date";

export const PAGE_SIZE = 25;
export const SORTS = ["agreement", "target", "updated", "status"] as const;
export type Sort = (typeof SORTS)[number];
export const LEVELS = ["commitment", "milestone"] as const;
export type Level = (typeof LEVELS)[number];
export const STRENGTHS = ["binding", "intent", "exploratory"] as const;

export interface HistoryPoint {
  id: number;
  happenedOn: CalendarDate;
  statusTo: Status;
  progressTo: number | null;
  /** the target date before and after this entry; they differ when it moved the target */
  targetDateFrom: CalendarDate | null;
  targetDateTo: CalendarDate | null;
}

export interface CatalogRow {
  id: number;
  ref: string;
  title: string;
  parentId: number | null;
  level: Level;
  position: number;
  agreement: { id: number; slug: string; title: string; signedOn: CalendarDate | null };
  theme: string;
  strength: (typeof STRENGTHS)[number] | null;
  owner: string;
  parties: string[];
  targetDate: CalendarDate | null;
  targetPrecision: TargetPrecision | null;
  targetPhrase: string;
  status: Status;
  progress: number | null;
  lastUpdatedOn: CalendarDate | null;
  /** the day it was added through the admin area; null for rows loaded with a dataset */
  addedOn: CalendarDate | null;
  /**
   * Its status updates, oldest first. The list's SQL reads them only for an as-of view; rows of
   * today's list and export (db/queries/list.ts) leave it empty, since they need only `lastUpdatedOn`.
   */
  history: HistoryPoint[];
}

/** C0 and C1 control characters: no parameter has a use for them (a NUL breaks SQLite's FTS5 parser). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .refine((v) => !CONTROL.test(v), { message: "Use text without control characters (such as NUL)", abort: true })
    .optional()
    .transform((v) => v || undefined);

/**
 * The list's query parameters; every message names what is expected. With `agreements` (answering
 * `has(slug)` for the live agreements: a set, or a lookup such as db/public.ts `knownAgreements`),
 * an `agreement` that is not one of them — unknown or deleted — is a bad parameter, not an empty list.
 */
export function listQuerySchema(today: CalendarDate, options: { agreements?: Pick<ReadonlySet<string>, "has"> } = {}) {
  const known = options.agreements;
  return z.object({
    agreement: optionalText(80).refine((v) => v === undefined || known === undefined || known.has(v), {
      error: (issue) => `No agreement has the slug ${JSON.stringify(issue.input)}: it is unknown or was deleted`,
    }),
    status: z.enum(STATUS_VALUES, { error: `Use one of: ${STATUS_VALUES.join(", ")}` }).optional(),
    theme: optionalText(80),
    party: optionalText(10).transform((v) => v?.toUpperCase()),
    owner: optionalText(300),
    strength: z.enum(STRENGTHS, { error: `Use one of: ${STRENGTHS.join(", ")}` }).optional(),
    overdue: z.enum(["1", "0"], { error: "Use 1 (only overdue) or 0" }).optional(),
    level: z.enum(LEVELS, { error: "Use commitment or milestone" }).optional(),
    q: optionalText(200).refine((v) => v === undefined || /[\p{L}\p{N}]/u.test(v), {
      message: "Search for words: use at least one letter or digit",
    }),
    sort: z.enum(SORTS, { error: `Use one of: ${SORTS.join(", ")}` }).default("agreement"),
    page: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, { message: "Use a page number from 1" })
      .optional()
      .transform((v) => (v ? Number(v) : 1)),
    asOf: asOfSchema(today),
  });
}

/** The `asOf` parameter (list, API, CSV, agreement page): a real date, not after `today`; "" means none. */
export function asOfSchema(today: CalendarDate) {
  return z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || isCalendarDate(v), {
      message: "Use a real date as YYYY-MM-DD",
      abort: true,
    })
    .refine((v) => !v || v <= today, { message: `Use a date no later than today (${today})` })
    .transform((v) => v || undefined);
}

export type ListQuery = z.infer<ReturnType<typeof listQuerySchema>>;

/** Read a URLSearchParams-like record into raw values (first value of repeated keys, "" dropped). */
export function rawQuery(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

/**
 * A row as it stood at the end of `asOf`, from its history: status and progress from the last entry
 * on or before that day, and the target date before the first later entry that moved it (its
 * precision and phrase are kept only when that is still today's target). Null when the agreement
 * was made after `asOf`.
 */
export function asOfRow(row: CatalogRow, asOf: CalendarDate | undefined): CatalogRow | null {
  if (!asOf) return row;
  if (row.agreement.signedOn && row.agreement.signedOn > asOf) return null;
  const past = row.history.filter((h) => h.happenedOn <= asOf);
  const last = past.at(-1);
  const progress = [...past].reverse().find((h) => h.progressTo !== null)?.progressTo ?? null;
  const laterMove = row.history.find((h) => h.happenedOn > asOf && h.targetDateFrom !== h.targetDateTo);
  const target =
    laterMove && laterMove.targetDateFrom !== row.targetDate
      ? { targetDate: laterMove.targetDateFrom, targetPrecision: null, targetPhrase: "" }
      : {};
  return {
    ...row,
    ...target,
    status: last?.statusTo ?? "not_assessed",
    progress,
    lastUpdatedOn: past.findLast(isAssessment)?.happenedOn ?? null,
  };
}

/**
 * Every row of `catalog` as it stood at the end of `asOf` (`asOfRow`), with each parent's progress
 * rolled up again from its milestones as they stood then (lib/progress.ts, the same rule as today's
 * views). Without `asOf`, the catalog as it is.
 */
export function asOfCatalog(catalog: readonly CatalogRow[], asOf: CalendarDate | undefined): CatalogRow[] {
  if (!asOf) return [...catalog];
  const rows = catalog.map((r) => asOfRow(r, asOf)).filter((r): r is CatalogRow => r !== null);
  const rolled = rollUpProgress(rows);
  return rows.map((r) => ({ ...r, progress: rolled.get(r.id) ?? r.progress }));
}

/** True when due on `day`: the target date is that day and the status is not final. */
export function dueOn(row: Pick<CatalogRow, "targetDate" | "status">, day: CalendarDate): boolean {
  return row.targetDate === day && !isFinal(row.status);
}

/** True when overdue on `day`: target date passed and the status is not final. */
export function overdueOn(row: Pick<CatalogRow, "targetDate" | "status">, day: CalendarDate): boolean {
  return row.targetDate !== null && row.targetDate < day && !isFinal(row.status);
}

type FacetKey = "agreement" | "status" | "theme" | "party" | "owner" | "strength" | "overdue" | "level";
export const FACETS: readonly FacetKey[] = [
  "agreement",
  "status",
  "theme",
  "party",
  "owner",
  "strength",
  "overdue",
  "level",
];

/** The values of a row for a facet (a row owed by two parties has two). */
function facetValues(row: CatalogRow, facet: FacetKey, day: CalendarDate): string[] {
  switch (facet) {
    case "agreement":
      return [row.agreement.slug];
    case "status":
      return [row.status];
    case "theme":
      return [row.theme];
    case "party":
      return row.parties;
    case "owner":
      return row.owner ? [row.owner] : [];
    case "strength":
      return row.strength ? [row.strength] : [];
    case "overdue":
      return [overdueOn(row, day) ? "1" : "0"];
    case "level":
      return [row.level];
  }
}

/**
 * `v` with A–Z lowered and every other character kept: how SQLite's NOCASE collation and `lower()`
 * compare (ASCII only), which the SQL reads of theme and owner use, so the rule and the reads agree
 * on "Énergie" and "énergie" (two values) as on "Trade" and "trade" (one).
 */
export function caseBlind(v: string): string {
  return v.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * A theme or owner facet with its spellings that differ only in case (`caseBlind`) merged into one
 * value, because choosing any of them returns the rows of all (the filter is case-blind): the
 * counts are summed under the spelling with the most rows (then the first in code-unit order).
 * Works on the values of a facet, never on rows.
 */
export function mergeCaseVariants(counts: ReadonlyMap<string, Count>): Map<string, Count> {
  const groups = new Map<string, [string, Count][]>();
  for (const entry of counts) {
    const key = caseBlind(entry[0]);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const size = (c: Count) => c.commitments + c.milestones;
  const out = new Map<string, Count>();
  for (const spellings of groups.values()) {
    const [first] = [...spellings].sort((a, b) => size(b[1]) - size(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (!first) continue;
    out.set(first[0], {
      commitments: spellings.reduce((n, [, c]) => n + c.commitments, 0),
      milestones: spellings.reduce((n, [, c]) => n + c.milestones, 0),
    });
  }
  return out;
}

function matches(
  row: CatalogRow,
  query: ListQuery,
  day: CalendarDate,
  searchIds: ReadonlySet<number> | null,
  skip?: FacetKey,
): boolean {
  if (searchIds && !searchIds.has(row.id)) return false;
  for (const facet of FACETS) {
    if (facet === skip) continue;
    const wanted = query[facet];
    if (wanted === undefined) continue;
    const values = facetValues(row, facet, day);
    if (facet === "theme" || facet === "owner") {
      if (!values.some((v) => caseBlind(v) === caseBlind(wanted))) return false;
    } else if (!values.includes(wanted)) return false;
  }
  return true;
}

export interface Count {
  commitments: number;
  milestones: number;
}

export interface ListResult {
  rows: CatalogRow[];
  /** all matching rows, split by level */
  total: Count;
  page: number;
  pages: number;
  /** per facet, per value: how many rows choosing that value returns (other filters kept) */
  facets: Record<FacetKey, Map<string, Count>>;
  /** the day overdue is judged on: the as-of date, else today */
  day: CalendarDate;
}

/** Rows counted by the counting rule: top-level commitments and milestones apart. */
export function countByLevel(rows: readonly Pick<CatalogRow, "level">[]): Count {
  const milestones = rows.filter((r) => r.level === "milestone").length;
  return { commitments: rows.length - milestones, milestones };
}

const count = countByLevel;

/** Values a filter's select offers at most; the others are reached by search or other filters. */
export const FACET_OPTIONS_SHOWN = 50;

/**
 * The values of a facet that its select offers: the `limit` with the most rows (then by value), the
 * chosen one always among them, sorted by value for reading (`Intl.Collator` of "en"); `hidden` is
 * how many values are left out. At 2,000 agreements and thousands of owners a select of every value
 * would be most of the page.
 */
export function shownFacetValues(
  counts: ReadonlyMap<string, Count>,
  chosen: string | undefined,
  limit: number = FACET_OPTIONS_SHOWN,
): { values: string[]; hidden: number } {
  const size = (c: Count) => c.commitments + c.milestones;
  // The `limit` largest by (rows, then value): those above the size at the cut, and of those at it
  // the first by value. Only that tie is ordered by the collator: ranking every value with it cost
  // ~1 ms a request for 720 agreements (tests/unit/commitment-list.test.ts keeps the order).
  const bySize = [...counts].map(([value, c]) => ({ value, n: size(c) })).sort((a, b) => b.n - a.n);
  const cut = bySize.length > limit ? bySize[limit - 1]!.n : -1;
  const values = bySize.filter((e) => e.n > cut).map((e) => e.value);
  const tied = bySize
    .filter((e) => e.n === cut)
    .map((e) => e.value)
    .sort(COLLATOR.compare);
  values.push(...tied.slice(0, limit - values.length));
  const same = (v: string) => chosen !== undefined && caseBlind(v) === caseBlind(chosen);
  if (chosen !== undefined && !values.some(same)) {
    const [first] = bySize.filter((e) => same(e.value)).sort((a, b) => b.n - a.n || COLLATOR.compare(a.value, b.value));
    values.push(first?.value ?? chosen);
  }
  const offered = new Set(values);
  return { values: values.sort(COLLATOR.compare), hidden: bySize.filter((e) => !offered.has(e.value)).length };
}

/** Order of values for reading (`Intl.Collator` of "en"); built once, as building one costs far more than using it. */
const COLLATOR = new Intl.Collator("en");

/**
 * Which of a select's `values` shows `chosen` as selected: the one equal to it without regard to
 * case (`caseBlind`, as the filter compares), so `?theme=trade` selects the option "Trade" instead
 * of leaving the select on "Any" while the filter applies; "" when there is no choice.
 */
export function selectedValue(values: readonly string[], chosen: string | undefined): string {
  if (chosen === undefined) return "";
  return values.find((v) => v === chosen) ?? values.find((v) => caseBlind(v) === caseBlind(chosen)) ?? chosen;
}

/** A count for a label in brackets, by the counting rule: "3", "1,204", or "1 + 2 milestones". */
export function countLabel(c: Count | undefined): string {
  if (!c) return "0";
  return c.milestones > 0
    ? `${NUMBER.format(c.commitments)} + ${NUMBER.format(c.milestones)} milestone${c.milestones === 1 ? "" : "s"}`
    : NUMBER.format(c.commitments);
}

/** "3 commitments", "1 commitment and 2 milestones", "40,017 commitments" (the counting rule in words). */
export function countPhrase(c: Count): string {
  const commitments = `${NUMBER.format(c.commitments)} commitment${c.commitments === 1 ? "" : "s"}`;
  return c.milestones > 0
    ? `${commitments} and ${NUMBER.format(c.milestones)} milestone${c.milestones === 1 ? "" : "s"}`
    : commitments;
}

/** Whole numbers with thousands separators ("40,017"), as the other figures on the pages. */
const NUMBER = new Intl.NumberFormat("en");

const STATUS_ORDER = new Map(STATUS_VALUES.map((s, i) => [s, i]));

function sortRows(rows: CatalogRow[], sort: Sort): CatalogRow[] {
  const byAgreement = (a: CatalogRow, b: CatalogRow) =>
    (b.agreement.signedOn ?? "").localeCompare(a.agreement.signedOn ?? "") ||
    a.agreement.id - b.agreement.id ||
    a.position - b.position ||
    a.id - b.id;
  const compare: Record<Sort, (a: CatalogRow, b: CatalogRow) => number> = {
    agreement: byAgreement,
    target: (a, b) =>
      (a.targetDate === null ? 1 : 0) - (b.targetDate === null ? 1 : 0) ||
      (a.targetDate ?? "").localeCompare(b.targetDate ?? "") ||
      byAgreement(a, b),
    updated: (a, b) =>
      (a.lastUpdatedOn === null ? 1 : 0) - (b.lastUpdatedOn === null ? 1 : 0) ||
      (b.lastUpdatedOn ?? "").localeCompare(a.lastUpdatedOn ?? "") ||
      byAgreement(a, b),
    status: (a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) || byAgreement(a, b),
  };
  return [...rows].sort(compare[sort]);
}

/**
 * Filter, sort and paginate `catalog` for `query` on `today`.
 * @param searchIds ids matching the free-text search, or null when there is none.
 * @param pageSize rows per page; `Infinity` for all (exports).
 */
export function listCommitments(
  catalog: readonly CatalogRow[],
  query: ListQuery,
  today: CalendarDate,
  searchIds: ReadonlySet<number> | null,
  pageSize = PAGE_SIZE,
): ListResult {
  const day = query.asOf ?? today;
  const rows = asOfCatalog(catalog, query.asOf);
  const matching = sortRows(
    rows.filter((r) => matches(r, query, day, searchIds)),
    query.sort,
  );
  const facets = Object.fromEntries(
    FACETS.map((facet) => {
      const counts = new Map<string, Count>();
      for (const row of rows) {
        if (!matches(row, query, day, searchIds, facet)) continue;
        for (const value of new Set(facetValues(row, facet, day))) {
          const c = counts.get(value) ?? { commitments: 0, milestones: 0 };
          if (row.level === "milestone") c.milestones += 1;
          else c.commitments += 1;
          counts.set(value, c);
        }
      }
      return [facet, facet === "theme" || facet === "owner" ? mergeCaseVariants(counts) : counts];
    }),
  ) as Record<FacetKey, Map<string, Count>>;
  const pages = Number.isFinite(pageSize) ? Math.max(1, Math.ceil(matching.length / pageSize)) : 1;
  const page = Math.min(query.page, pages);
  const shown = Number.isFinite(pageSize) ? matching.slice((page - 1) * pageSize, page * pageSize) : matching;
  return { rows: shown, total: count(matching), page, pages, facets, day };
}

/** The query string for `query` with `changes` applied (undefined removes a key; page resets). */
export function queryString(
  query: Partial<Record<string, string | number | undefined>>,
  changes: Record<string, string | number | undefined> = {},
): string {
  const merged = { ...query, page: undefined, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (
      value === undefined ||
      value === "" ||
      (key === "sort" && value === "agreement") ||
      (key === "page" && value === 1)
    )
      continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
