/**
 * Admin write verbs on commitments and milestones: create, update, soft-delete, restore. Order: check
 * role → parse → one transaction (version check, change, version bump, audit row) → small result.
 * A changed target date is also recorded as a dated timeline entry, so the public history shows
 * "target moved from X to Y".
 */
import { and, eq, inArray, max } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { targetBeforeSigning } from "../../lib/date-consistency";
import {
  ZCommitmentRef,
  ZCreateCommitment,
  ZUpdateCommitment,
  type TCommitmentFields,
} from "../../lib/validation/agreements";
import { CONFLICT_MESSAGE, invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { agreementParties, agreements, commitmentParties, commitments, statusUpdates } from "../schema";
import { IMMEDIATE } from "../transaction";
import { commitmentIsLive, liveAgreement } from "../live";
import { authorize } from "./guard";
import { sameCodes, sameFields } from "../../lib/unchanged";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function fieldError(field: string, message: string) {
  return {
    ok: false as const,
    kind: "invalid" as const,
    message: "Some fields need attention.",
    fieldErrors: { [field]: [message] },
  };
}

function snapshot(tx: Tx, id: number) {
  const row = tx.select().from(commitments).where(eq(commitments.id, id)).get();
  if (!row) return null;
  const owed = tx
    .select({ code: commitmentParties.partyCode })
    .from(commitmentParties)
    .where(eq(commitmentParties.commitmentId, id))
    .all();
  return { ...row, parties: owed.map((p) => p.code).sort() };
}

/**
 * Check the parent and the parties against the agreement; returns a refusal or null.
 * A parent must be a live commitment of the same agreement and not the commitment or one of its own
 * milestones (no cycles); parties must be parties of the agreement.
 */
function checkPlacement(tx: Tx, agreementId: number, fields: TCommitmentFields, selfId: number | null) {
  if (fields.parentId !== null) {
    if (fields.parentId === selfId) return fieldError("parentId", "A commitment cannot be its own milestone");
    const parent = tx
      .select({ id: commitments.id })
      .from(commitments)
      .where(and(eq(commitments.id, fields.parentId), eq(commitments.agreementId, agreementId)))
      .get();
    if (!parent || !commitmentIsLive(tx, parent.id))
      return fieldError("parentId", "Choose a commitment of the same agreement");
    if (selfId !== null) {
      let cursor: number | null = fields.parentId;
      for (let depth = 0; cursor !== null && depth < 100; depth++) {
        if (cursor === selfId) return fieldError("parentId", "A commitment cannot sit under one of its own milestones");
        cursor =
          tx.select({ p: commitments.parentId }).from(commitments).where(eq(commitments.id, cursor)).get()?.p ?? null;
      }
    }
  }
  if (fields.parties.length > 0) {
    const known = tx
      .select({ code: agreementParties.partyCode })
      .from(agreementParties)
      .where(and(eq(agreementParties.agreementId, agreementId), inArray(agreementParties.partyCode, fields.parties)))
      .all();
    if (known.length !== fields.parties.length) return fieldError("parties", "Choose parties of this agreement");
  }
  return null;
}

function commitmentColumns(fields: TCommitmentFields) {
  const { parties: _parties, ...columns } = fields;
  return columns;
}

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
    const refusal = checkPlacement(tx, agreementId, fields, null);
    if (refusal) return refusal;
    const early = targetBeforeSigning(fields.targetDate, agreement.signedOn);
    if (early) return fieldError("targetDate", early);
    const position =
      (tx
        .select({ p: max(commitments.position) })
        .from(commitments)
        .where(eq(commitments.agreementId, agreementId))
        .get()?.p ?? 0) + 1;
    const row = tx
      .insert(commitments)
      .values({ ...commitmentColumns(fields), agreementId, position })
      .returning({ id: commitments.id })
      .get();
    if (fields.parties.length)
      tx.insert(commitmentParties)
        .values(fields.parties.map((code) => ({ commitmentId: row.id, partyCode: code })))
        .run();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "commitment.create",
      entityType: "commitment",
      entityId: row.id,
      before: null,
      after: snapshot(tx, row.id),
    });
    return { ok: true, data: { commitmentId: row.id } };
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
    const before = snapshot(tx, commitmentId);
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
      after: snapshot(tx, commitmentId),
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
