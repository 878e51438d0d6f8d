/**
 * Public reads about agreements. Every function returns only public fields and only live rows
 * (db/live.ts). Counting follows the rule in `./shared.ts` (top-level commitments; milestones apart).
 */
import { and, asc, eq, isNull, notInArray, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { meanProgress } from "../../lib/progress";
import { emptyStatusCounts, isFinal, type Status, STATUSES } from "../../lib/status";
import type { TargetPrecision } from "../../lib/target-date";
import type { Db } from "../client";
import { liveAgreement, liveCommitment } from "../live";
import { agreements, commitments } from "../schema";
import { type AnchorRef, anchorOf, type SourceDocumentItem, sourceDocumentsOf } from "./source-documents";
import {
  agreementPartiesOf,
  fulfilledOnByCommitment,
  lastUpdatedByCommitment,
  type PartyRef,
  partiesByCommitment,
  progressOfAgreement,
} from "./shared";

export interface AgreementSummary {
  id: number;
  slug: string;
  title: string;
  kind: string;
  signedOn: CalendarDate | null;
  place: string | null;
  parties: (PartyRef & { signatory: string | null })[];
  /** top-level commitments per status */
  statusCounts: Record<Status, number>;
  /** top-level commitments */
  total: number;
  milestones: number;
  /** top-level commitments that are not final and have no target date */
  openWithoutTarget: number;
}

type Counts = Pick<AgreementSummary, "statusCounts" | "total" | "milestones" | "openWithoutTarget">;

/** Status counts of the live commitments of one agreement (one query, grouped by status). */
function countsFor(db: Db, agreementId: number): Counts {
  const rows = db
    .select({
      status: commitments.status,
      topLevel: sql<number>`sum(case when ${commitments.parentId} is null then 1 else 0 end)`,
      milestones: sql<number>`sum(case when ${commitments.parentId} is not null then 1 else 0 end)`,
      withoutTarget: sql<number>`sum(case when ${commitments.parentId} is null and ${commitments.targetDate} is null then 1 else 0 end)`,
    })
    .from(commitments)
    .where(and(eq(commitments.agreementId, agreementId), liveCommitment()))
    .groupBy(commitments.status)
    .all();
  const c: Counts = { statusCounts: emptyStatusCounts(), total: 0, milestones: 0, openWithoutTarget: 0 };
  for (const r of rows) {
    c.statusCounts[r.status] += Number(r.topLevel);
    c.total += Number(r.topLevel);
    c.milestones += Number(r.milestones);
    if (!isFinal(r.status)) c.openWithoutTarget += Number(r.withoutTarget);
  }
  return c;
}

/**
 * How many open (not final) top-level commitments of every live agreement have no target date:
 * one count over the live rows (the home page's "no target date at all" line).
 */
export function openWithoutTargetCount(db: Db): number {
  const final = (Object.keys(STATUSES) as Status[]).filter(isFinal);
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(commitments)
    .where(
      and(
        liveCommitment(),
        isNull(commitments.parentId),
        isNull(commitments.targetDate),
        notInArray(commitments.status, final),
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}

export interface AgreementCommitment {
  id: number;
  parentId: number | null;
  ref: string;
  title: string;
  theme: string;
  strength: "binding" | "intent" | "exploratory" | null;
  owner: string;
  targetDate: CalendarDate | null;
  targetPrecision: TargetPrecision | null;
  targetPhrase: string;
  status: Status;
  /** own progress, or rolled up from milestones (see lib/progress.ts) */
  progress: number | null;
  parties: PartyRef[];
  fulfilledOn: CalendarDate | null;
  lastUpdatedOn: CalendarDate | null;
  /** where its words are in one of the agreement's source documents, or null */
  anchor: AnchorRef | null;
  milestones: AgreementCommitment[];
}

export interface AgreementDetail extends AgreementSummary {
  summary: string;
  sourceUrl: string | null;
  /** top-level commitments in agreement order, each with its milestones */
  commitments: AgreementCommitment[];
  /** mean of the top-level commitments' progress where known */
  meanProgress: number | null;
  /** the agreement's live source documents with their texts (db/queries/source-documents.ts) */
  sourceDocuments: SourceDocumentItem[];
}

/** The agreement row by slug (live only) with its parties and counts, or `null`. */
export function agreementRecord(
  db: Db,
  slug: string,
): Omit<AgreementDetail, "commitments" | "meanProgress" | "sourceDocuments"> | null {
  const a = db
    .select()
    .from(agreements)
    .where(and(eq(agreements.slug, slug), liveAgreement()))
    .get();
  if (!a) return null;
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    kind: a.kind,
    signedOn: a.signedOn,
    place: a.place,
    summary: a.summary,
    sourceUrl: a.sourceUrl,
    parties: agreementPartiesOf(db, a.id),
    ...countsFor(db, a.id),
  };
}

/** The columns of a commitment row that `commitmentTree` hydrates. */
export const treeRowFields = {
  id: commitments.id,
  parentId: commitments.parentId,
  ref: commitments.ref,
  title: commitments.title,
  theme: commitments.theme,
  strength: commitments.strength,
  owner: commitments.owner,
  targetDate: commitments.targetDate,
  targetPrecision: commitments.targetPrecision,
  targetPhrase: commitments.targetPhrase,
  status: commitments.status,
  progress: commitments.progress,
  sourceDocumentId: commitments.sourceDocumentId,
  anchorStart: commitments.anchorStart,
  anchorEnd: commitments.anchorEnd,
  fromCommentary: commitments.fromCommentary,
};

type TreeRow = {
  [K in keyof typeof treeRowFields]: (typeof treeRowFields)[K]["_"]["notNull"] extends true
    ? (typeof treeRowFields)[K]["_"]["data"]
    : (typeof treeRowFields)[K]["_"]["data"] | null;
};

/**
 * Live commitment rows as trees, in the order given: each with its parties, fulfilment date, last
 * update and anchor (null when its document is not in `shownDocuments`), each milestone under its
 * parent when the parent is among `rows`; `progress` from `rolled` when it has the id. Returns the
 * top-level ones (`parentId` null); a milestone whose parent is not among `rows` is left out.
 */
export function commitmentTree(
  db: Db,
  rows: readonly TreeRow[],
  rolled: ReadonlyMap<number, number | null>,
  shownDocuments: ReadonlySet<number>,
): AgreementCommitment[] {
  const ids = rows.map((r) => r.id);
  const partyMap = partiesByCommitment(db, ids);
  const fulfilled = fulfilledOnByCommitment(db, ids);
  const lastUpdated = lastUpdatedByCommitment(db, ids);
  const nodes = new Map<number, AgreementCommitment>(
    rows.map(({ sourceDocumentId, anchorStart, anchorEnd, fromCommentary, ...r }) => {
      const anchor = anchorOf({ sourceDocumentId, anchorStart, anchorEnd, fromCommentary });
      return [
        r.id,
        {
          ...r,
          progress: rolled.get(r.id) ?? r.progress,
          // An anchor into a deleted document is not shown (the document is not).
          anchor: anchor && shownDocuments.has(anchor.sourceDocumentId) ? anchor : null,
          parties: partyMap.get(r.id) ?? [],
          fulfilledOn: fulfilled.get(r.id) ?? null,
          lastUpdatedOn: lastUpdated.get(r.id) ?? null,
          milestones: [],
        },
      ];
    }),
  );
  const top: AgreementCommitment[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.milestones.push(node);
    else if (node.parentId === null) top.push(node);
  }
  return top;
}

/**
 * One agreement by slug with its whole commitment tree (every live commitment and milestone), or
 * `null` when unknown or deleted. For the API's agreement document and the as-of replay; the public
 * page reads one page of the tree instead (`./agreement-page.ts`).
 */
export function getAgreementBySlug(db: Db, slug: string): AgreementDetail | null {
  const a = agreementRecord(db, slug);
  if (!a) return null;
  const rows = db
    .select(treeRowFields)
    .from(commitments)
    .where(and(eq(commitments.agreementId, a.id), liveCommitment()))
    .orderBy(asc(commitments.position), asc(commitments.id))
    .all();
  const documents = sourceDocumentsOf(db, a.id);
  const top = commitmentTree(db, rows, progressOfAgreement(db, a.id).rolled, new Set(documents.map((d) => d.id)));
  return { ...a, commitments: top, meanProgress: meanProgress(top.map((c) => c.progress)), sourceDocuments: documents };
}
