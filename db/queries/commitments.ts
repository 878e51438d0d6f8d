/**
 * Public reads about commitments: one commitment with its timeline and evidence, upcoming and
 * overdue deadlines, and the latest status updates. Only live rows are returned (db/live.ts: not
 * deleted, nothing above them deleted, agreement not deleted).
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import type { EvidenceKind } from "../../lib/evidence";
import { isAssessment } from "../../lib/freshness";
import { effectiveProgress } from "../../lib/progress";
import { STATUS_VALUES, isFinal, type Status } from "../../lib/status";
import type { TargetPrecision } from "../../lib/target-date";
import type { Db } from "../client";
import { liveCommitment } from "../live";
import { agreements, commitments, evidence, sourceDocuments, statusUpdates } from "../schema";
import { overdueCount as countOverdue } from "./deadlines";
import { type SourceDocumentRef, sourceDocumentById } from "./source-documents";
import {
  addedOnByCommitment,
  fulfilledOnByCommitment,
  lastUpdatedByCommitment,
  type PartyRef,
  partiesByCommitment,
  progressOfAgreement,
} from "./shared";

export interface EvidenceItem {
  id: number;
  url: string;
  title: string;
  publisher: string;
  publishedOn: CalendarDate | null;
  kind: EvidenceKind;
}

export interface TimelineEntry {
  id: number;
  happenedOn: CalendarDate;
  statusFrom: Status | null;
  statusTo: Status;
  progressFrom: number | null;
  progressTo: number | null;
  targetDateFrom: CalendarDate | null;
  targetDateTo: CalendarDate | null;
  note: string;
  evidence: EvidenceItem[];
}

export interface MilestoneItem {
  id: number;
  ref: string;
  title: string;
  status: Status;
  progress: number | null;
}

export interface CommitmentDetail {
  id: number;
  ref: string;
  title: string;
  description: string;
  quote: string;
  theme: string;
  strength: "binding" | "intent" | "exploratory" | null;
  owner: string;
  targetDate: CalendarDate | null;
  targetPrecision: TargetPrecision | null;
  targetPhrase: string;
  status: Status;
  /** own progress, or the roll-up of its milestones (lib/progress.ts) */
  progress: number | null;
  /** true when `progress` is the mean of milestones (it has none of its own and some milestone has one) */
  progressRolledUp: boolean;
  agreement: { slug: string; title: string; signedOn: CalendarDate | null };
  parent: { id: number; ref: string; title: string } | null;
  parties: PartyRef[];
  milestones: MilestoneItem[];
  /** newest first */
  timeline: TimelineEntry[];
  /** evidence not attached to a timeline entry */
  otherEvidence: EvidenceItem[];
  fulfilledOn: CalendarDate | null;
  lastUpdatedOn: CalendarDate | null;
  /** the day it was added through the admin area; null for rows loaded with a dataset */
  addedOn: CalendarDate | null;
  /**
   * Where its words are: the live source document it names, and its passage (`text.slice(start,
   * end)`; null offsets and passage when only the document is known); null when it names none or
   * the document was deleted.
   */
  source: {
    document: SourceDocumentRef;
    start: number | null;
    end: number | null;
    passage: string | null;
    fromCommentary: boolean;
  } | null;
}

const evidenceFields = {
  id: evidence.id,
  url: evidence.url,
  title: evidence.title,
  publisher: evidence.publisher,
  publishedOn: evidence.publishedOn,
  kind: evidence.kind,
  statusUpdateId: evidence.statusUpdateId,
};

/** One commitment with everything its public page shows, or `null` when unknown or deleted. */
export function getCommitment(db: Db, id: number): CommitmentDetail | null {
  const row = db
    .select({
      c: commitments,
      agreement: { slug: agreements.slug, title: agreements.title, signedOn: agreements.signedOn },
    })
    .from(commitments)
    .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
    .where(eq(commitments.id, id))
    .get();
  // The stored live flag (db/live.ts; kept by triggers, equal to `commitmentIsLive`).
  if (!row || row.c.live !== 1) return null;
  const c = row.c;

  const parent =
    c.parentId === null
      ? null
      : (db
          .select({ id: commitments.id, ref: commitments.ref, title: commitments.title })
          .from(commitments)
          // c is live, so every commitment above it is.
          .where(eq(commitments.id, c.parentId))
          .get() ?? null);

  const rolled = progressOfAgreement(db, c.agreementId).rolled;
  const milestones = db
    .select({
      id: commitments.id,
      ref: commitments.ref,
      title: commitments.title,
      status: commitments.status,
      progress: commitments.progress,
    })
    .from(commitments)
    // c is live, so a milestone of it is live unless deleted itself.
    .where(and(eq(commitments.parentId, c.id), isNull(commitments.deletedAt)))
    .orderBy(asc(commitments.position), asc(commitments.id))
    .all()
    .map((m) => ({ ...m, progress: rolled.get(m.id) ?? m.progress }));

  const updates = db
    .select()
    .from(statusUpdates)
    .where(eq(statusUpdates.commitmentId, c.id))
    .orderBy(desc(statusUpdates.happenedOn), desc(statusUpdates.id))
    .all();
  const evidenceRows = db
    .select(evidenceFields)
    .from(evidence)
    .where(and(eq(evidence.commitmentId, c.id), isNull(evidence.deletedAt)))
    .orderBy(asc(evidence.publishedOn), asc(evidence.id))
    .all();
  const byUpdate = new Map<number, EvidenceItem[]>();
  const otherEvidence: EvidenceItem[] = [];
  for (const { statusUpdateId, ...e } of evidenceRows) {
    if (statusUpdateId === null) otherEvidence.push(e);
    else byUpdate.set(statusUpdateId, [...(byUpdate.get(statusUpdateId) ?? []), e]);
  }

  return {
    id: c.id,
    ref: c.ref,
    title: c.title,
    description: c.description,
    quote: c.quote,
    theme: c.theme,
    strength: c.strength,
    owner: c.owner,
    targetDate: c.targetDate,
    targetPrecision: c.targetPrecision,
    targetPhrase: c.targetPhrase,
    status: c.status,
    progress: rolled.get(c.id) ?? effectiveProgress({ progress: c.progress, status: c.status }),
    progressRolledUp: c.progress === null && milestones.some((m) => m.progress !== null),
    agreement: row.agreement,
    parent,
    parties: partiesByCommitment(db, [c.id]).get(c.id) ?? [],
    milestones,
    timeline: updates.map((u) => ({
      id: u.id,
      happenedOn: u.happenedOn,
      statusFrom: u.statusFrom,
      statusTo: u.statusTo,
      progressFrom: u.progressFrom,
      progressTo: u.progressTo,
      targetDateFrom: u.targetDateFrom,
      targetDateTo: u.targetDateTo,
      note: u.note,
      evidence: byUpdate.get(u.id) ?? [],
    })),
    otherEvidence,
    fulfilledOn: fulfilledOnByCommitment(db, [c.id]).get(c.id) ?? null,
    lastUpdatedOn: updates.find(isAssessment)?.happenedOn ?? null,
    addedOn: addedOnByCommitment(db, [c.id]).get(c.id) ?? null,
    source: sourceOf(db, c),
  };
}

/**
 * The source of a commitment row (see `CommitmentDetail.source`): one document read by id. The
 * passage is cut by SQLite when the text has no character outside the BMP (then code points and
 * UTF-16 units agree and `substr` is exact), so the page does not read a long text; otherwise the
 * text is read and sliced in JavaScript.
 */
function sourceOf(
  db: Db,
  c: { sourceDocumentId: number | null; anchorStart: number | null; anchorEnd: number | null; fromCommentary: boolean },
): CommitmentDetail["source"] {
  if (c.sourceDocumentId === null) return null;
  const anchored = c.anchorStart !== null && c.anchorEnd !== null;
  const start = c.anchorStart ?? 0;
  const end = c.anchorEnd ?? 0;
  const doc = db
    .select({
      id: sourceDocuments.id,
      kind: sourceDocuments.kind,
      title: sourceDocuments.title,
      url: sourceDocuments.url,
      publishedOn: sourceDocuments.publishedOn,
      passage: sql<
        string | null
      >`CASE WHEN ${sourceDocuments.textLength} = length(${sourceDocuments.text}) THEN substr(${sourceDocuments.text}, ${start + 1}, ${end - start}) END`,
    })
    .from(sourceDocuments)
    .where(and(eq(sourceDocuments.id, c.sourceDocumentId), isNull(sourceDocuments.deletedAt)))
    .get();
  if (!doc) return null;
  const { passage: cut, ...document } = doc;
  const passage = !anchored ? null : (cut ?? sourceDocumentById(db, document.id)?.text.slice(start, end) ?? null);
  return {
    document,
    start: anchored ? start : null,
    end: anchored ? end : null,
    passage,
    fromCommentary: c.fromCommentary,
  };
}

export interface DeadlineItem {
  id: number;
  ref: string;
  title: string;
  status: Status;
  targetDate: CalendarDate;
  targetPrecision: TargetPrecision | null;
  targetPhrase: string;
  agreement: { slug: string; title: string };
  lastUpdatedOn: CalendarDate | null;
}

const NON_FINAL = STATUS_VALUES.filter((s) => !isFinal(s));

/**
 * Live top-level commitments with a target date that are not final, earliest target first (then
 * position in the agreement, then id; milestones are counted apart, as everywhere): those before
 * `today` are overdue, the rest are the next deadlines. Each list holds at most `limit` rows (two
 * walks of `commitments_open_target_idx` that stop at `limit`); `overdueCount` counts every overdue
 * one (a range count of `commitments_deadline_idx`, db/queries/deadlines.ts `overdueCount`).
 */
export function openDeadlines(
  db: Db,
  today: CalendarDate,
  limit = 50,
): { overdue: DeadlineItem[]; upcoming: DeadlineItem[]; overdueCount: number } {
  // No `target_date IS NOT NULL`: each range below excludes NULL already, and with planner
  // statistics that second range on target_date made SQLite skip-scan the index and sort (19 ms
  // instead of 0.2 ms at 50,000; tests/unit/page-reads.test.ts checks the plan with statistics).
  const open = and(liveCommitment(), isNull(commitments.parentId), inArray(commitments.status, NON_FINAL));
  const select = (when: SQL) =>
    db
      .select({
        id: commitments.id,
        ref: commitments.ref,
        title: commitments.title,
        status: commitments.status,
        targetDate: commitments.targetDate,
        targetPrecision: commitments.targetPrecision,
        targetPhrase: commitments.targetPhrase,
        agreement: { slug: agreements.slug, title: agreements.title },
      })
      .from(commitments)
      .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
      .where(and(open, when))
      // The order of commitments_open_target_idx: a walk of the index that stops at `limit`.
      .orderBy(asc(commitments.targetDate), asc(commitments.position), asc(commitments.id))
      .limit(limit)
      .all();
  const overdueRows = select(lt(commitments.targetDate, today));
  const upcomingRows = select(gte(commitments.targetDate, today));
  const last = lastUpdatedByCommitment(
    db,
    [...overdueRows, ...upcomingRows].map((r) => r.id),
  );
  const item = (r: (typeof overdueRows)[number]): DeadlineItem => ({
    ...r,
    targetDate: r.targetDate ?? "",
    lastUpdatedOn: last.get(r.id) ?? null,
  });
  const overdueCount = overdueRows.length < limit ? overdueRows.length : countOverdue(db, today).commitments;
  return { overdue: overdueRows.map(item), upcoming: upcomingRows.map(item), overdueCount };
}

export interface RecentUpdate {
  id: number;
  happenedOn: CalendarDate;
  createdAt: string;
  statusFrom: Status | null;
  statusTo: Status;
  progressTo: number | null;
  targetDateFrom: CalendarDate | null;
  targetDateTo: CalendarDate | null;
  note: string;
  commitment: { id: number; ref: string; title: string };
  agreement: { slug: string; title: string };
}

/**
 * The latest status updates (newest `happened_on` first, then newest id), at most `limit`, of live
 * commitments, across agreements or for one agreement (`agreementSlug`) or one commitment
 * (`commitmentId`). Reads about `limit` index entries across agreements, and the scope's updates
 * (sorted) otherwise.
 */
export function latestUpdates(
  db: Db,
  limit = 10,
  scope: { agreementSlug?: string; commitmentId?: number } = {},
): RecentUpdate[] {
  return db
    .select({
      id: statusUpdates.id,
      happenedOn: statusUpdates.happenedOn,
      createdAt: statusUpdates.createdAt,
      statusFrom: statusUpdates.statusFrom,
      statusTo: statusUpdates.statusTo,
      progressTo: statusUpdates.progressTo,
      targetDateFrom: statusUpdates.targetDateFrom,
      targetDateTo: statusUpdates.targetDateTo,
      note: statusUpdates.note,
      commitment: { id: commitments.id, ref: commitments.ref, title: commitments.title },
      agreement: { slug: agreements.slug, title: agreements.title },
    })
    .from(statusUpdates)
    .innerJoin(commitments, eq(commitments.id, statusUpdates.commitmentId))
    .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
    .where(
      scope.agreementSlug === undefined && scope.commitmentId === undefined
        ? // Across agreements: the newest `limit` updates of live commitments, picked from
          // status_updates alone (its day index walked newest first, a primary-key probe of the
          // commitment each as a scalar sub-select, stopping at `limit`), then joined. As a join with
          // `+live`, or with EXISTS, the planner with statistics built a Bloom filter over every
          // commitment first (15–17 ms instead of 0.05 ms at 50,000) or sorted 500,000 updates.
          sql`${statusUpdates.id} IN (SELECT su.id FROM status_updates su
            WHERE (SELECT lc.live FROM commitments lc WHERE lc.id = su.commitment_id) = 1
            ORDER BY su.happened_on DESC, su.id DESC LIMIT ${limit})`
        : and(
            // A scope starts from its agreement or commitment; `+live` is only a check.
            sql`+${commitments.live} = 1`,
            scope.agreementSlug === undefined ? undefined : eq(agreements.slug, scope.agreementSlug),
            scope.commitmentId === undefined ? undefined : eq(commitments.id, scope.commitmentId),
          ),
    )
    .orderBy(desc(statusUpdates.happenedOn), desc(statusUpdates.id))
    .limit(limit)
    .all();
}
