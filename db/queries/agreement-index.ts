/**
 * Reads for the `/agreements` index, the home page's "recently active" list and the agreements API
 * (issue 9, item 2): every filter, count, sort and page is SQL over `agreements` with index lookups
 * into its commitments and status updates, so a page costs the same at 2,000 agreements as at 20.
 * No query binds a variable per row: the rows of a page are passed to the second query as one
 * JSON array (`json_each`).
 *
 * "Last activity" of an agreement is the latest `happened_on` of its commitments' status updates,
 * kept by triggers in `agreement_activity` (drizzle/0011_agreement_activity.sql). Counts follow the
 * counting rule (db/queries/shared.ts): top-level commitments per status, milestones apart, live
 * rows only (db/live.ts).
 */
import { type SQL, sql } from "drizzle-orm";

import { type AgreementQuery, AGREEMENT_PAGE_SIZE, likeContains, pageOf } from "../../lib/agreement-index";
import type { CalendarDate } from "../../lib/calendar-date";
import { emptyStatusCounts, isFinal, type Status } from "../../lib/status";
import type { Db } from "../client";
import { liveRow } from "../live";
import type { AgreementSummary } from "./agreements";

/** One row of the index: an agreement summary with the day of its latest status update. */
export interface AgreementIndexRow extends AgreementSummary {
  summary: string;
  lastActivityOn: CalendarDate | null;
}

/** A value of a filter and how many agreements choosing it returns (the other filters kept). */
export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface AgreementIndexResult {
  rows: AgreementIndexRow[];
  /** agreements matching every filter */
  total: number;
  page: number;
  pages: number;
  facets: { party: FacetValue[]; kind: FacetValue[]; year: FacetValue[] };
}

type Filter = "q" | "party" | "kind" | "year";

/** The `where` condition on `a` (agreements) for `query`, leaving out `skip` (for its facet counts). */
function conditions(query: Partial<AgreementQuery>, skip?: Filter): SQL {
  const parts: SQL[] = [sql`a.deleted_at IS NULL`];
  if (query.q && skip !== "q") {
    const like = likeContains(query.q);
    parts.push(sql`(a.title LIKE ${like} ESCAPE '\\' OR a.summary LIKE ${like} ESCAPE '\\')`);
  }
  if (query.party && skip !== "party") {
    parts.push(
      sql`EXISTS (SELECT 1 FROM agreement_parties ap WHERE ap.agreement_id = a.id AND ap.party_code = ${query.party})`,
    );
  }
  if (query.kind && skip !== "kind") parts.push(sql`a.kind = ${query.kind} COLLATE NOCASE`);
  if (query.year && skip !== "year") parts.push(sql`substr(a.signed_on, 1, 4) = ${query.year}`);
  return sql.join(parts, sql` AND `);
}

const ORDER: Record<AgreementQuery["sort"], SQL> = {
  active: sql`act.last_update_on IS NULL, act.last_update_on DESC, a.signed_on DESC, a.id DESC`,
  signed: sql`a.signed_on IS NULL, a.signed_on DESC, a.id DESC`,
  title: sql`a.title COLLATE NOCASE ASC, a.id ASC`,
};

interface PageRow {
  id: number;
  slug: string;
  title: string;
  kind: string;
  signedOn: CalendarDate | null;
  place: string | null;
  summary: string;
  lastActivityOn: CalendarDate | null;
}

/**
 * One page of live agreements matching `query`, sorted by `query.sort`, with the count of every
 * party, kind and year value. A page past the last gives the last page (`page` says which).
 */
export function listAgreementIndex(
  db: Db,
  query: AgreementQuery,
  pageSize = AGREEMENT_PAGE_SIZE,
): AgreementIndexResult {
  return { ...agreementPage(db, query, pageSize), facets: facetCounts(db, query) };
}

function agreementPage(db: Db, query: AgreementQuery, pageSize: number): Omit<AgreementIndexResult, "facets"> {
  const where = conditions(query);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM agreements a WHERE ${where}`)?.n ?? 0;
  const { page, pages } = pageOf(total, query.page, pageSize);
  const pageRows = db.all<PageRow>(sql`
    SELECT a.id, a.slug, a.title, a.kind, a.signed_on AS signedOn, a.place, a.summary,
      act.last_update_on AS lastActivityOn
    FROM agreements a LEFT JOIN agreement_activity act ON act.agreement_id = a.id
    WHERE ${where}
    ORDER BY ${ORDER[query.sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const rows = withDetails(db, pageRows);
  return { rows, total, page, pages };
}

/** Per-value counts of the party, kind and year filters (each with the other filters kept). */
function facetCounts(db: Db, query: AgreementQuery): AgreementIndexResult["facets"] {
  const party = db.all<FacetValue>(sql`
    SELECT ap.party_code AS value, p.name AS label, count(*) AS count
    FROM agreements a JOIN agreement_parties ap ON ap.agreement_id = a.id JOIN parties p ON p.code = ap.party_code
    WHERE ${conditions(query, "party")} GROUP BY ap.party_code ORDER BY p.name, ap.party_code`);
  const kind = db.all<FacetValue>(sql`
    SELECT min(a.kind) AS value, min(a.kind) AS label, count(*) AS count FROM agreements a
    WHERE ${conditions(query, "kind")} GROUP BY a.kind COLLATE NOCASE ORDER BY 1 COLLATE NOCASE`);
  const year = db.all<FacetValue>(sql`
    SELECT substr(a.signed_on, 1, 4) AS value, substr(a.signed_on, 1, 4) AS label, count(*) AS count FROM agreements a
    WHERE ${conditions(query, "year")} AND a.signed_on IS NOT NULL GROUP BY 1 ORDER BY 1 DESC`);
  return { party, kind, year };
}

/**
 * The most recently active live agreements (latest status update first), with their counts: the
 * home page's list.
 */
export function recentlyActiveAgreements(db: Db, limit: number): { rows: AgreementIndexRow[]; total: number } {
  const query: AgreementQuery = { q: undefined, party: undefined, kind: undefined, sort: "active", page: 1 };
  const result = agreementPage(db, query, limit);
  return { rows: result.rows, total: result.total };
}

/**
 * Parties, status counts and (when `withActivity`) the last activity of the agreements of one page,
 * in two queries whatever the page size; the ids go in as one JSON array.
 */
function withDetails(db: Db, rows: PageRow[]): AgreementIndexRow[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const partyRows = db.all<{ agreementId: number; code: string; name: string; signatory: string | null }>(sql`
    SELECT ap.agreement_id AS agreementId, p.code, p.name, ap.signatory
    FROM agreement_parties ap JOIN parties p ON p.code = ap.party_code
    WHERE ap.agreement_id IN (SELECT value FROM json_each(${ids})) ORDER BY p.code`);
  const countRows = db.all<{
    agreementId: number;
    status: Status;
    topLevel: number;
    milestones: number;
    withoutTarget: number;
  }>(sql`
    SELECT c.agreement_id AS agreementId, c.status,
      sum(c.parent_id IS NULL) AS topLevel, sum(c.parent_id IS NOT NULL) AS milestones,
      sum(c.parent_id IS NULL AND c.target_date IS NULL) AS withoutTarget
    FROM commitments c
    WHERE c.agreement_id IN (SELECT value FROM json_each(${ids})) AND ${liveRow("c")}
    GROUP BY c.agreement_id, c.status`);
  return rows.map((r) => {
    const statusCounts = emptyStatusCounts();
    let total = 0;
    let milestones = 0;
    let openWithoutTarget = 0;
    for (const c of countRows) {
      if (c.agreementId !== r.id) continue;
      statusCounts[c.status] += Number(c.topLevel);
      total += Number(c.topLevel);
      milestones += Number(c.milestones);
      if (!isFinal(c.status)) openWithoutTarget += Number(c.withoutTarget);
    }
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      kind: r.kind,
      signedOn: r.signedOn,
      place: r.place,
      summary: r.summary,
      lastActivityOn: r.lastActivityOn,
      parties: partyRows
        .filter((p) => p.agreementId === r.id)
        .map((p) => ({ code: p.code, name: p.name, signatory: p.signatory })),
      statusCounts,
      total,
      milestones,
      openWithoutTarget,
    };
  });
}
