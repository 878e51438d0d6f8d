/**
 * Admin write verbs on commitments and milestones: create, update, soft-delete, restore. Order: check
 * role → parse → one transaction (version check, change, version bump, audit row) → small result.
 * A changed target date is also recorded as a dated timeline entry, so the public history shows
 * "target moved from X to Y".
 */
import { and, eq } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { targetBeforeSigning } from "../../lib/date-consistency";
import { ZCommitmentRef, ZCreateCommitment, ZUpdateCommitment } from "../../lib/validation/agreements";
import { CONFLICT_MESSAGE, invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import {
  checkPlacement,
  commitmentColumns,
  commitmentSnapshot,
  fieldError,
  insertCommitment,
  type Tx,
} from "../commitment-rows";
import { agreements, commitmentParties, commitments, statusUpdates } from "../schema";
import { IMMEDIATE } from "../transaction";
import { commitmentIsLive, liveAgreement } from "../live";
import { authorize } from "./guard";
import { sameCodes, sameFields } from "../../lib/unchanged";

/**
 * Create a commitment (or a milestone, with `parentId`) of a live agreement. A target date before
 * the agreement was signed is refused (lib/date-consistency.ts).
 */
export function createCommitment(db: Db, actorId: number | null, raw: unknown): WriteResult<{ commitmentId: number }> {
  const guard = authorize(db, actorId, "commitment.create");
  if (!guard.ok) return guard;
  const parsed = ZCreateCommitment.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { agreementId, ...fields } = parsed.data;
  return db.transaction((tx): WriteResult<{ commitmentId: number }> => {
    const agreement = tx
      .select({ id: agreements.id, signedOn: agreements.signedOn })
      .from(agreements)
      .where(and(eq(agreements.id, agreementId), liveAgreement()))
      .get();
    if (!agreement) return { ok: false, kind: "not_found", message: "This agreement does not exist or was deleted." };
    const created = insertCommitment(tx, { agreement, fields });
    if (!created.ok) return created;
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "commitment.create",
      entityType: "commitment",
      entityId: created.commitmentId,
      before: null,
      after: commitmentSnapshot(tx, created.commitmentId),
    });
    return { ok: true, data: { commitmentId: created.commitmentId } };
  }, IMMEDIATE);
}

export interface UpdatedCommitment {
  commitmentId: number;
  version: number;
  /** true when the form matched the stored commitment: nothing was written (no audit row, no version bump) */
  unchanged: boolean;
  /** true when the target date moved (a timeline entry was added) */
  targetMoved: boolean;
}

/**
 * Update a commitment's wording, placement, owner, parties and target. Refused against an old
 * version. A new target date before the agreement was signed is refused (lib/date-consistency.ts);
 * a moved target date adds a timeline entry dated `today`. A form equal to the stored
 * commitment is a no-op (`unchanged: true`): nothing is written (issue 8, defect 10).
 */
export function updateCommitment(
  db: Db,
  actorId: number | null,
  raw: unknown,
  today: CalendarDate,
): WriteResult<UpdatedCommitment> {
  const guard = authorize(db, actorId, "commitment.update");
  if (!guard.ok) return guard;
  const parsed = ZUpdateCommitment.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version, ...fields } = parsed.data;
  return db.transaction((tx): WriteResult<UpdatedCommitment> => {
    const before = commitmentSnapshot(tx, commitmentId);
    if (!before || !commitmentIsLive(tx, commitmentId))
      return {
        ok: false,
        kind: "not_found",
        message: "This commitment, or its agreement, does not exist or was deleted.",
      };
    if (before.version !== version)
      return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: before.version };
    const refusal = checkPlacement(tx, before.agreementId, fields, commitmentId);
    if (refusal) return refusal;
    if (fields.targetDate !== before.targetDate) {
      const signedOn =
        tx.select({ s: agreements.signedOn }).from(agreements).where(eq(agreements.id, before.agreementId)).get()?.s ??
        null;
      const early = targetBeforeSigning(fields.targetDate, signedOn);
      if (early) return fieldError("targetDate", early);
    }
    if (sameFields(before, commitmentColumns(fields)) && sameCodes(before.parties, fields.parties))
      return { ok: true, data: { commitmentId, version, unchanged: true, targetMoved: false } };
    tx.update(commitments)
      .set({ ...commitmentColumns(fields), version: version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(commitments.id, commitmentId), eq(commitments.version, version)))
      .run();
    tx.delete(commitmentParties).where(eq(commitmentParties.commitmentId, commitmentId)).run();
    if (fields.parties.length)
      tx.insert(commitmentParties)
        .values(fields.parties.map((code) => ({ commitmentId, partyCode: code })))
        .run();
    if (before.targetDate !== fields.targetDate) {
      tx.insert(statusUpdates)
        .values({
          commitmentId,
          statusFrom: before.status,
          statusTo: before.status,
          progressFrom: before.progress,
          progressTo: before.progress,
          targetDateFrom: before.targetDate,
          targetDateTo: fields.targetDate,
          note: fields.targetPhrase ? `Target now phrased “${fields.targetPhrase}”.` : "",
          happenedOn: today,
          authorId: guard.actor.id,
        })
        .run();
    }
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "commitment.update",
      entityType: "commitment",
      entityId: commitmentId,
      before,
      after: commitmentSnapshot(tx, commitmentId),
    });
    return {
      ok: true,
      data: {
        commitmentId,
        version: version + 1,
        unchanged: false,
        targetMoved: before.targetDate !== fields.targetDate,
      },
    };
  }, IMMEDIATE);
}

/** Set or clear `deleted_at` against a version; returns the audit before/after or a refusal. */
function applyDeleted(tx: Tx, commitmentId: number, version: number, deleted: boolean) {
  const before = tx
    .select({ id: commitments.id, version: commitments.version, deletedAt: commitments.deletedAt })
    .from(commitments)
    .where(eq(commitments.id, commitmentId))
    .get();
  if (!before)
    return { refusal: { ok: false, kind: "not_found", message: "This commitment does not exist." } as const };
  if ((before.deletedAt !== null) === deleted) return { unchanged: before };
  if (before.version !== version)
    return {
      refusal: { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: before.version } as const,
    };
  const deletedAt = deleted ? new Date().toISOString() : null;
  tx.update(commitments)
    .set({ deletedAt, version: version + 1, updatedAt: new Date().toISOString() })
    .where(eq(commitments.id, commitmentId))
    .run();
  return { before, after: { id: commitmentId, deletedAt, version: version + 1 } };
}

/** Soft-delete a commitment (its milestones leave the agreement page with it); an admin can restore it. */
export function deleteCommitment(db: Db, actorId: number | null, raw: unknown): WriteResult<{ commitmentId: number }> {
  const guard = authorize(db, actorId, "commitment.delete");
  if (!guard.ok) return guard;
  const parsed = ZCommitmentRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version } = parsed.data;
  return db.transaction((tx): WriteResult<{ commitmentId: number }> => {
    const change = applyDeleted(tx, commitmentId, version, true);
    if (change.refusal) return change.refusal;
    if (change.after)
      writeAudit(tx, {
        actorId: guard.actor.id,
        action: "commitment.delete",
        entityType: "commitment",
        entityId: commitmentId,
        before: change.before,
        after: change.after,
      });
    return { ok: true, data: { commitmentId } };
  }, IMMEDIATE);
}

/** Restore a soft-deleted commitment. */
export function restoreCommitment(db: Db, actorId: number | null, raw: unknown): WriteResult<{ commitmentId: number }> {
  const guard = authorize(db, actorId, "commitment.restore");
  if (!guard.ok) return guard;
  const parsed = ZCommitmentRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version } = parsed.data;
  return db.transaction((tx): WriteResult<{ commitmentId: number }> => {
    const change = applyDeleted(tx, commitmentId, version, false);
    if (change.refusal) return change.refusal;
    if (change.after)
      writeAudit(tx, {
        actorId: guard.actor.id,
        action: "commitment.restore",
        entityType: "commitment",
        entityId: commitmentId,
        before: change.before,
        after: change.after,
      });
    return { ok: true, data: { commitmentId } };
  }, IMMEDIATE);
}
