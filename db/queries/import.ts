/**
 * Reads of the import review page (issue 10, /admin/agreements/[id]/import): an agreement's recent
 * runs, one run, its counts, one page of its candidates and the ones skipped as already imported.
 * Admin only (the page checks the role). Bounded by one run and one page: a 5 MB text's 30,000
 * candidates are counted in SQL and listed a page at a time.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";

import type { CandidateDecision } from "../../lib/import/review-words";
import type { Db } from "../client";
import { agreements, commitments } from "../schema";
import { type ImportCandidate, importCandidates, type ImportRun, importRuns } from "../schema-import";
import { agreementPartiesOf } from "./shared";

/** Candidates shown per page of the review list. */
export const REVIEW_PAGE_SIZE = 50;

/** The groups the list can show; "flagged": undecided or accepted with a flag. */
export const REVIEW_GROUPS = [
  "all",
  "undecided",
  "flagged",
  "accepted",
  "rejected",
  "positions",
  "imported",
  "skipped",
] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

const GROUP_WHERE: Record<ReviewGroup, string> = {
  all: "1",
  undecided: "decision = 'proposed'",
  flagged: "decision IN ('proposed', 'accepted') AND (kind = 'position' OR json_array_length(flags) > 0)",
  accepted: "decision = 'accepted'",
  rejected: "decision = 'rejected'",
  positions: "kind = 'position'",
  imported: "decision = 'imported'",
  skipped: "decision = 'duplicate'",
};

export interface RunSummary {
  id: number;
  createdAt: string;
  state: ImportRun["state"];
  fileName: string | null;
  title: string;
  errorMessage: string | null;
  candidates: number;
  imported: number;
}

/** The agreement's latest runs, newest first (at most `limit`). */
export function recentRuns(db: Db, agreementId: number, limit = 10): RunSummary[] {
  return db
    .select({
      id: importRuns.id,
      createdAt: importRuns.createdAt,
      state: importRuns.state,
      fileName: importRuns.fileName,
      title: importRuns.title,
      errorMessage: importRuns.errorMessage,
      // The run's column written out: drizzle renders `${importRuns.id}` as a bare "id", which inside
      // the sub-select would name the candidate's own id (every run then counted 1 candidate).
      candidates: sql<number>`(SELECT count(*) FROM import_candidates c WHERE c.run_id = "import_runs"."id")`,
      imported: sql<number>`(SELECT count(*) FROM import_candidates c WHERE c.run_id = "import_runs"."id" AND c.decision = 'imported')`,
    })
    .from(importRuns)
    .where(eq(importRuns.agreementId, agreementId))
    .orderBy(desc(importRuns.id))
    .limit(limit)
    .all();
}

/** Run `runId` of agreement `agreementId` (with its text), or null. */
export function getRun(db: Db, agreementId: number, runId: number): ImportRun | null {
  return (
    db
      .select()
      .from(importRuns)
      .where(and(eq(importRuns.id, runId), eq(importRuns.agreementId, agreementId)))
      .get() ?? null
  );
}

/** The agreement a run belongs to (for actions that redirect back to its page), or null. */
export function runAgreementId(db: Db, runId: number): number | null {
  return db.select({ a: importRuns.agreementId }).from(importRuns).where(eq(importRuns.id, runId)).get()?.a ?? null;
}

export type RunCounts = Record<ReviewGroup, number> & { unflagged: number };

/** How many candidates of the run each group holds, and how many "accept all not flagged" would accept. */
export function runCounts(db: Db, runId: number): RunCounts {
  const columns = Object.entries(GROUP_WHERE)
    .map(([group, where]) => `sum(CASE WHEN ${where} THEN 1 ELSE 0 END) AS "${group}"`)
    .join(", ");
  const row = db.$client
    .prepare(
      `SELECT ${columns}, sum(CASE WHEN decision = 'proposed' AND kind = 'pledge' AND json_array_length(flags) = 0 THEN 1 ELSE 0 END) AS unflagged
       FROM import_candidates WHERE run_id = ?`,
    )
    .get(runId) as Record<string, number | null>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? 0])) as RunCounts;
}

/** A candidate as the list shows it: its number in the text, and whether it can merge with the next. */
export interface ReviewItem extends ImportCandidate {
  /** 1-based position among the run's candidates, in text order */
  ordinal: number;
  /** the next candidate in text order when the two may be merged (neighbours, same or next paragraph) */
  mergeWithId: number | null;
  /** that next candidate's version (its merge form carries it), or null */
  mergeWithVersion: number | null;
  /** for an imported or skipped one: the commitment's number and title */
  commitmentRef: string | null;
  commitmentTitle: string | null;
}

interface RawItem {
  [key: string]: unknown;
}

const JSON_COLUMNS = ["proposed", "parties", "rules", "flags"] as const;

/** One page of the run's candidates in `group`, in text order; `page` is clamped to the last. */
export function candidatePage(
  db: Db,
  runId: number,
  group: ReviewGroup,
  page: number,
): { items: ReviewItem[]; total: number; page: number; pages: number } {
  const where = GROUP_WHERE[group];
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM import_candidates WHERE run_id = ? AND ${where}`).get(runId) as {
      n: number;
    }
  ).n;
  const pages = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = db.$client
    .prepare(
      `SELECT o.*, cm.ref AS commitment_ref, cm.title AS commitment_title FROM (
         SELECT c.*,
           row_number() OVER (ORDER BY start, "end", id) AS ordinal,
           lead(id) OVER (ORDER BY start, "end", id) AS next_id,
           lead(paragraph_index) OVER (ORDER BY start, "end", id) AS next_paragraph,
           lead(decision) OVER (ORDER BY start, "end", id) AS next_decision,
           lead(version) OVER (ORDER BY start, "end", id) AS next_version
         FROM import_candidates c WHERE run_id = ?
       ) o
       LEFT JOIN commitments cm ON cm.id = coalesce(o.commitment_id, o.duplicate_of)
       WHERE ${where.replace(/\b(decision|kind|flags)\b/g, "o.$1")}
       ORDER BY o.ordinal LIMIT ? OFFSET ?`,
    )
    .all(runId, REVIEW_PAGE_SIZE, (current - 1) * REVIEW_PAGE_SIZE) as RawItem[];
  return { items: rows.map(toItem), total, page: current, pages };
}

const REVIEWABLE = new Set<string>(["proposed", "accepted", "rejected"]);

function toItem(r: RawItem): ReviewItem {
  const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) o[camel(k)] = v;
  for (const k of JSON_COLUMNS) o[k] = JSON.parse(String(o[k] ?? "null"));
  o.fromCommentary = o.fromCommentary === 1;
  o.edited = o.edited === 1;
  const mergeable =
    o.nextId !== null &&
    REVIEWABLE.has(String(o.decision)) &&
    REVIEWABLE.has(String(o.nextDecision)) &&
    Math.abs(Number(o.nextParagraph) - Number(o.paragraphIndex)) <= 1;
  o.mergeWithId = mergeable ? Number(o.nextId) : null;
  o.mergeWithVersion = mergeable ? Number(o.nextVersion) : null;
  for (const k of ["nextId", "nextParagraph", "nextDecision", "nextVersion"]) delete o[k];
  return o as unknown as ReviewItem;
}

export interface SkippedItem {
  candidateId: number;
  quote: string;
  commitmentId: number;
  commitmentRef: string;
  commitmentTitle: string;
  reason: "passage" | "words";
}

/** The run's candidates skipped as already imported (at most `limit`, in text order) and their count. */
export function skippedCandidates(db: Db, runId: number, limit = 20): { items: SkippedItem[]; total: number } {
  const where = and(eq(importCandidates.runId, runId), eq(importCandidates.decision, "duplicate" as CandidateDecision));
  const items = db
    .select({
      candidateId: importCandidates.id,
      quote: importCandidates.quote,
      commitmentId: commitments.id,
      commitmentRef: commitments.ref,
      commitmentTitle: commitments.title,
      reason: importCandidates.duplicateReason,
    })
    .from(importCandidates)
    .innerJoin(commitments, eq(commitments.id, importCandidates.duplicateOf))
    .where(where)
    .orderBy(importCandidates.start)
    .limit(limit)
    .all()
    .map((r) => ({ ...r, reason: r.reason ?? "words" }));
  const total = db.select({ n: count() }).from(importCandidates).where(where).get()?.n ?? 0;
  return { items, total };
}

/** The agreement as the import page shows it, with its parties (code and name), or null. */
export function importAgreement(db: Db, agreementId: number) {
  const a = db
    .select({
      id: agreements.id,
      slug: agreements.slug,
      title: agreements.title,
      signedOn: agreements.signedOn,
      deletedAt: agreements.deletedAt,
    })
    .from(agreements)
    .where(eq(agreements.id, agreementId))
    .get();
  if (!a) return null;
  return { ...a, parties: agreementPartiesOf(db, agreementId) };
}
