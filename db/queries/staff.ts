/**
 * Reads for the staff area: a commitment with what its forms need (version, live evidence with ids),
 * and the list of commitments to work on.
 */
import { and, asc, desc, eq, isNotNull, isNull } from "drizzle-orm";

import type { Db } from "../client";
import { isLiveCommitment } from "../live";
import { agreements, commitments, evidence } from "../schema";
import { getCommitment, type CommitmentDetail, type EvidenceItem } from "./commitments";

export interface StaffCommitment extends CommitmentDetail {
  version: number;
  /** every live evidence link of the commitment, newest first */
  allEvidence: EvidenceItem[];
  /** removed (soft-deleted) links, which an admin can restore */
  removedEvidence: EvidenceItem[];
}

/** A commitment for the staff forms, or `null` when unknown or deleted. */
export function getCommitmentForStaff(db: Db, id: number): StaffCommitment | null {
  const detail = getCommitment(db, id);
  if (!detail) return null;
  const row = db.select({ version: commitments.version }).from(commitments).where(eq(commitments.id, id)).get();
  const links = (removed: boolean) =>
    db
      .select({
        id: evidence.id,
        url: evidence.url,
        title: evidence.title,
        publisher: evidence.publisher,
        publishedOn: evidence.publishedOn,
        kind: evidence.kind,
      })
      .from(evidence)
      .where(and(eq(evidence.commitmentId, id), removed ? isNotNull(evidence.deletedAt) : isNull(evidence.deletedAt)))
      .orderBy(desc(evidence.id))
      .all();
  return { ...detail, version: row?.version ?? 0, allEvidence: links(false), removedEvidence: links(true) };
}

export interface StaffListItem {
  id: number;
  ref: string;
  title: string;
  status: CommitmentDetail["status"];
  parentId: number | null;
  agreement: { slug: string; title: string };
  updatedAt: string;
}

/** Every live commitment of every live agreement, in agreement order. */
export function listCommitmentsForStaff(db: Db): StaffListItem[] {
  return db
    .select({
      id: commitments.id,
      ref: commitments.ref,
      title: commitments.title,
      status: commitments.status,
      parentId: commitments.parentId,
      agreement: { slug: agreements.slug, title: agreements.title },
      updatedAt: commitments.updatedAt,
    })
    .from(commitments)
    .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
    .where(isLiveCommitment(commitments.id))
    .orderBy(asc(agreements.signedOn), asc(agreements.id), asc(commitments.position), asc(commitments.id))
    .all();
}
