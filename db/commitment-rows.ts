/**
 * The rules and row writes of creating a commitment, shared by the admin's `commitment.create`
 * (db/mutations/commitments.ts) and the import's `import.commit` (db/mutations/import-commit.ts),
 * so an imported commitment passes exactly the checks a typed one does. Called inside the caller's
 * transaction, after its role check and parse; writes the commitment and its parties. The caller
 * writes the audit row (with {@link commitmentSnapshot}), so every verb shows its own.
 */
import { and, eq, inArray, max } from "drizzle-orm";

import type { CalendarDate } from "../lib/calendar-date";
import { targetBeforeSigning } from "../lib/date-consistency";
import type { TCommitmentFields } from "../lib/validation/agreements";
import type { Refusal } from "../lib/write-result";
import type { Db } from "./client";
import { commitmentIsLive } from "./live";
import { agreementParties, commitmentParties, commitments } from "./schema";

/** A transaction of {@link Db}. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** An `invalid` refusal naming one field. */
export function fieldError(field: string, message: string): Refusal {
  return { ok: false, kind: "invalid", message: "Some fields need attention.", fieldErrors: { [field]: [message] } };
}

/** The commitment row with its parties' codes (sorted), as audit rows record it; null when absent. */
export function commitmentSnapshot(tx: Tx, id: number) {
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
export function checkPlacement(tx: Tx, agreementId: number, fields: TCommitmentFields, selfId: number | null) {
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

/** The commitment's own columns of the form's fields (parties go in their own table). */
export function commitmentColumns(fields: TCommitmentFields) {
  const { parties: _parties, ...columns } = fields;
  return columns;
}

/** The display position after the agreement's last commitment. */
export function nextPosition(tx: Tx, agreementId: number): number {
  return (
    (tx
      .select({ p: max(commitments.position) })
      .from(commitments)
      .where(eq(commitments.agreementId, agreementId))
      .get()?.p ?? 0) + 1
  );
}

/** Where a commitment's words are: its source anchor (drizzle/0015 checks it). */
export interface NewAnchor {
  sourceDocumentId: number;
  start: number;
  end: number;
  fromCommentary: boolean;
}

/**
 * Insert a commitment of the live agreement `agreement` with its parties. Checks placement and that
 * the target is not before the signing; `position` defaults to after the last one.
 * @returns the new id, or the refusal (nothing written).
 */
export function insertCommitment(
  tx: Tx,
  input: {
    agreement: { id: number; signedOn: CalendarDate | null };
    fields: TCommitmentFields;
    anchor?: NewAnchor;
    position?: number;
  },
): { ok: true; commitmentId: number } | Refusal {
  const { agreement, fields, anchor } = input;
  const refusal = checkPlacement(tx, agreement.id, fields, null);
  if (refusal) return refusal;
  const early = targetBeforeSigning(fields.targetDate, agreement.signedOn);
  if (early) return fieldError("targetDate", early);
  const position = input.position ?? nextPosition(tx, agreement.id);
  const row = tx
    .insert(commitments)
    .values({
      ...commitmentColumns(fields),
      agreementId: agreement.id,
      position,
      ...(anchor
        ? {
            sourceDocumentId: anchor.sourceDocumentId,
            anchorStart: anchor.start,
            anchorEnd: anchor.end,
            fromCommentary: anchor.fromCommentary,
          }
        : {}),
    })
    .returning({ id: commitments.id })
    .get();
  if (fields.parties.length)
    tx.insert(commitmentParties)
      .values(fields.parties.map((code) => ({ commitmentId: row.id, partyCode: code })))
      .run();
  return { ok: true, commitmentId: row.id };
}
