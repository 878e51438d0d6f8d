/**
 * Write verbs `evidence.create` and `evidence.delete` (soft delete): editors add or remove evidence
 * links on a commitment. Each bumps the commitment's version (it changes what the commitment shows)
 * and is refused against an old version. Order: check role → parse → transaction → audit → result.
 */
import { and, eq, isNull } from "drizzle-orm";

import { ZAddEvidence, ZRemoveEvidence } from "../../lib/validation/evidence";
import { CONFLICT_MESSAGE, invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { agreements, commitments, evidence } from "../schema";
import { authorize } from "./guard";
import { IMMEDIATE } from "../transaction";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function liveCommitment(tx: Tx, id: number) {
  return tx
    .select({ id: commitments.id, version: commitments.version })
    .from(commitments)
    .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
    .where(and(eq(commitments.id, id), isNull(commitments.deletedAt), isNull(agreements.deletedAt)))
    .get();
}

function bumpVersion(tx: Tx, id: number, version: number): number {
  const row = tx
    .update(commitments)
    .set({ version: version + 1, updatedAt: new Date().toISOString() })
    .where(and(eq(commitments.id, id), eq(commitments.version, version)))
    .returning({ version: commitments.version })
    .get();
  if (!row) throw new Error("commitment version changed inside the transaction");
  return row.version;
}

export interface EvidenceWriteResult {
  evidenceId: number;
  commitmentId: number;
  version: number;
  duplicate: boolean;
}

/**
 * Add one evidence link to a commitment, not tied to a status update.
 * @param raw `{ commitmentId, version, submissionId, title, url, publisher, publishedOn, kind }`
 */
export function addEvidence(db: Db, actorId: number | null, raw: unknown): WriteResult<EvidenceWriteResult> {
  const guard = authorize(db, actorId, "evidence.create");
  if (!guard.ok) return guard;
  const parsed = ZAddEvidence.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version, submissionId, ...fields } = parsed.data;
  const actor = guard.actor;

  return db.transaction((tx): WriteResult<EvidenceWriteResult> => {
    const earlier = tx.select({ id: evidence.id }).from(evidence).where(eq(evidence.submissionId, submissionId)).get();
    if (earlier) {
      const c = liveCommitment(tx, commitmentId);
      return { ok: true, data: { evidenceId: earlier.id, commitmentId, version: c?.version ?? 0, duplicate: true } };
    }
    const current = liveCommitment(tx, commitmentId);
    if (!current) return { ok: false, kind: "not_found", message: "This commitment does not exist or was deleted." };
    if (current.version !== version)
      return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: current.version };
    const row = tx
      .insert(evidence)
      .values({ ...fields, commitmentId, statusUpdateId: null, createdBy: actor.id, submissionId })
      .returning({ id: evidence.id })
      .get();
    const newVersion = bumpVersion(tx, commitmentId, version);
    writeAudit(tx, {
      actorId: actor.id,
      action: "evidence.create",
      entityType: "evidence",
      entityId: row.id,
      before: null,
      after: { commitmentId, ...fields, version: newVersion },
    });
    return { ok: true, data: { evidenceId: row.id, commitmentId, version: newVersion, duplicate: false } };
  }, IMMEDIATE);
}

/**
 * Remove (soft-delete) one evidence link of a commitment; an admin can restore it.
 * @param raw `{ commitmentId, version, evidenceId }`
 */
export function removeEvidence(db: Db, actorId: number | null, raw: unknown): WriteResult<EvidenceWriteResult> {
  const guard = authorize(db, actorId, "evidence.delete");
  if (!guard.ok) return guard;
  const parsed = ZRemoveEvidence.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version, evidenceId } = parsed.data;
  const actor = guard.actor;

  return db.transaction((tx): WriteResult<EvidenceWriteResult> => {
    const current = liveCommitment(tx, commitmentId);
    if (!current) return { ok: false, kind: "not_found", message: "This commitment does not exist or was deleted." };
    const before = tx
      .select()
      .from(evidence)
      .where(and(eq(evidence.id, evidenceId), eq(evidence.commitmentId, commitmentId)))
      .get();
    if (!before) return { ok: false, kind: "not_found", message: "This evidence link does not exist." };
    if (before.deletedAt) {
      // Already removed (a double click): nothing to do.
      return { ok: true, data: { evidenceId, commitmentId, version: current.version, duplicate: true } };
    }
    if (current.version !== version)
      return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: current.version };
    const deletedAt = new Date().toISOString();
    tx.update(evidence).set({ deletedAt }).where(eq(evidence.id, evidenceId)).run();
    const newVersion = bumpVersion(tx, commitmentId, version);
    writeAudit(tx, {
      actorId: actor.id,
      action: "evidence.delete",
      entityType: "evidence",
      entityId: evidenceId,
      before: { url: before.url, title: before.title, deletedAt: null },
      after: { deletedAt, version: newVersion },
    });
    return { ok: true, data: { evidenceId, commitmentId, version: newVersion, duplicate: false } };
  }, IMMEDIATE);
}
