/**
 * Admin write verbs on agreements: create, update, soft-delete, restore. Order: check role → parse →
 * one transaction with its audit row → small result. An update is refused when the agreement changed
 * since the form was opened (its `updated_at` is the version).
 */
import { and, asc, eq, inArray, isNotNull, isNull, min, ne } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { type SigningContext, signingDateProblem } from "../../lib/date-consistency";

import {
  parseAgreementForm,
  ZAgreementRef,
  ZCreateAgreement,
  ZUpdateAgreement,
  type TAgreementFields,
} from "../../lib/validation/agreements";
import { invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { agreementParties, agreements, commitmentParties, commitments, parties, statusUpdates } from "../schema";
import { IMMEDIATE } from "../transaction";
import { sameCodes, sameFields } from "../../lib/unchanged";
import { authorize } from "./guard";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const CHANGED = "This agreement changed since you opened it. Its newer state is shown; check it before you save again.";

function fieldError(field: string, message: string) {
  return {
    ok: false as const,
    kind: "invalid" as const,
    message: "Some fields need attention.",
    fieldErrors: { [field]: [message] },
  };
}

/** Resolve the party list (and an optional new party); returns an error result or the codes. */
function resolveParties(
  tx: Tx,
  input: TAgreementFields,
): { ok: true; codes: string[] } | ReturnType<typeof fieldError> {
  const codes = [...input.parties];
  if (input.newPartyCode) {
    const name = input.newPartyName?.trim();
    const existing = tx.select().from(parties).where(eq(parties.code, input.newPartyCode)).get();
    if (!existing) {
      if (!name) return fieldError("newPartyName", "Give the new party's name");
      tx.insert(parties).values({ code: input.newPartyCode, name }).run();
    }
    if (!codes.includes(input.newPartyCode)) codes.push(input.newPartyCode);
  }
  for (const party of input.newParties) {
    tx.insert(parties).values(party).onConflictDoNothing().run();
    if (!codes.includes(party.code)) codes.push(party.code);
  }
  const known = tx
    .select({ code: parties.code })
    .from(parties)
    .where(inArray(parties.code, codes))
    .all()
    .map((p) => p.code);
  const unknown = codes.filter((c) => !known.includes(c));
  if (unknown.length > 0) return fieldError("parties", `Unknown party: ${unknown.join(", ")}. Add it as a new party.`);
  return { ok: true, codes };
}

/**
 * The earliest status update and the earliest target date among all the agreement's commitments,
 * deleted ones included (a restore brings them back, and the record must not contradict itself).
 */
function datesOf(tx: Tx, agreementId: number): Omit<SigningContext, "today"> {
  const update = tx
    .select({ d: min(statusUpdates.happenedOn) })
    .from(statusUpdates)
    .innerJoin(commitments, eq(commitments.id, statusUpdates.commitmentId))
    .where(eq(commitments.agreementId, agreementId))
    .get()?.d;
  const target = tx
    .select({ date: commitments.targetDate, ref: commitments.ref })
    .from(commitments)
    .where(and(eq(commitments.agreementId, agreementId), isNotNull(commitments.targetDate)))
    .orderBy(asc(commitments.targetDate))
    .limit(1)
    .get();
  return {
    earliestUpdate: update ?? null,
    earliestTarget: target?.date ? { date: target.date, ref: target.ref } : null,
  };
}

function snapshot(tx: Tx, id: number) {
  const row = tx.select().from(agreements).where(eq(agreements.id, id)).get();
  if (!row) return null;
  const { sourceText: _sourceText, ...fields } = row;
  const signatories = tx
    .select({ code: agreementParties.partyCode, signatory: agreementParties.signatory })
    .from(agreementParties)
    .where(eq(agreementParties.agreementId, id))
    .orderBy(agreementParties.partyCode)
    .all();
  return { ...fields, parties: signatories.map((c) => c.code), signatories };
}

/**
 * Create an agreement. A signing date after `today` is refused (lib/date-consistency.ts).
 * @returns its id and slug.
 */
export function createAgreement(
  db: Db,
  actorId: number | null,
  raw: unknown,
  today: CalendarDate,
): WriteResult<{ agreementId: number; slug: string }> {
  const guard = authorize(db, actorId, "agreement.create");
  if (!guard.ok) return guard;
  const parsed = parseAgreementForm(ZCreateAgreement, raw);
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  const future = signingDateProblem(input.signedOn, { today, earliestUpdate: null, earliestTarget: null });
  if (future) return fieldError("signedOn", future);
  return db.transaction((tx): WriteResult<{ agreementId: number; slug: string }> => {
    if (tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, input.slug)).get()) {
      return fieldError("slug", "Another agreement already uses this address name");
    }
    const partyResult = resolveParties(tx, input);
    if (!partyResult.ok) return partyResult;
    const { parties: _p, newPartyCode: _c, newPartyName: _n, newParties: _np, ...fields } = input;
    const row = tx.insert(agreements).values(fields).returning({ id: agreements.id }).get();
    tx.insert(agreementParties)
      .values(partyResult.codes.map((code) => ({ agreementId: row.id, partyCode: code })))
      .run();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "agreement.create",
      entityType: "agreement",
      entityId: row.id,
      before: null,
      after: snapshot(tx, row.id),
    });
    return { ok: true, data: { agreementId: row.id, slug: input.slug } };
  }, IMMEDIATE);
}

/**
 * Update an agreement's facts and parties (kept signatories stay). A new signing date after
 * `today`, after one of its status updates or after one of its commitments' target dates is
 * refused (lib/date-consistency.ts). A form equal to the stored
 * agreement is a no-op (`unchanged: true`): no audit row, no new version (issue 8, defect 10).
 */
export function updateAgreement(
  db: Db,
  actorId: number | null,
  raw: unknown,
  today: CalendarDate,
): WriteResult<{ agreementId: number; slug: string; unchanged: boolean }> {
  const guard = authorize(db, actorId, "agreement.update");
  if (!guard.ok) return guard;
  const parsed = parseAgreementForm(ZUpdateAgreement, raw);
  if (!parsed.success) return invalid(parsed.error);
  const { agreementId, updatedAt, ...input } = parsed.data;
  return db.transaction((tx): WriteResult<{ agreementId: number; slug: string; unchanged: boolean }> => {
    const before = snapshot(tx, agreementId);
    if (!before) return { ok: false, kind: "not_found", message: "This agreement does not exist." };
    if (before.deletedAt)
      return { ok: false, kind: "not_found", message: "This agreement is deleted; restore it before editing." };
    if (before.updatedAt !== updatedAt) return { ok: false, kind: "conflict", message: CHANGED, currentVersion: 0 };
    if (
      tx
        .select({ id: agreements.id })
        .from(agreements)
        .where(and(eq(agreements.slug, input.slug), ne(agreements.id, agreementId)))
        .get()
    ) {
      return fieldError("slug", "Another agreement already uses this address name");
    }
    if (input.signedOn !== before.signedOn) {
      const problem = signingDateProblem(input.signedOn, { today, ...datesOf(tx, agreementId) });
      if (problem) return fieldError("signedOn", problem);
    }
    const partyResult = resolveParties(tx, input);
    if (!partyResult.ok) return partyResult;
    const dropped = before.parties.filter((c) => !partyResult.codes.includes(c));
    const stillOwing = dropped.length
      ? tx
          .selectDistinct({ code: commitmentParties.partyCode })
          .from(commitmentParties)
          .innerJoin(commitments, eq(commitments.id, commitmentParties.commitmentId))
          .where(
            and(
              eq(commitments.agreementId, agreementId),
              // Not the live view: a milestone hidden with a deleted parent comes back on restore,
              // and must not come back owed by a party the agreement no longer has.
              isNull(commitments.deletedAt),
              inArray(commitmentParties.partyCode, dropped),
            ),
          )
          .all()
      : [];
    if (stillOwing.length > 0) {
      const codes = stillOwing.map((r) => r.code).join(", ");
      return fieldError("parties", `${codes} still owes commitments of this agreement; change those first`);
    }
    const { parties: _p, newPartyCode: _c, newPartyName: _n, newParties: _np, ...fields } = input;
    if (sameFields(before, fields) && sameCodes(before.parties, partyResult.codes))
      return { ok: true, data: { agreementId, slug: input.slug, unchanged: true } };
    tx.update(agreements)
      .set({ ...fields, updatedAt: new Date().toISOString() })
      .where(eq(agreements.id, agreementId))
      .run();
    const keep = partyResult.codes;
    for (const code of before.parties.filter((c) => !keep.includes(c))) {
      tx.delete(agreementParties)
        .where(and(eq(agreementParties.agreementId, agreementId), eq(agreementParties.partyCode, code)))
        .run();
    }
    const added = keep.filter((c) => !before.parties.includes(c));
    if (added.length)
      tx.insert(agreementParties)
        .values(added.map((code) => ({ agreementId, partyCode: code })))
        .run();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "agreement.update",
      entityType: "agreement",
      entityId: agreementId,
      before,
      after: snapshot(tx, agreementId),
    });
    return { ok: true, data: { agreementId, slug: input.slug, unchanged: false } };
  }, IMMEDIATE);
}

/** Set or clear `deleted_at`; returns the before/after for the audit row, or null when unknown. */
function applyDeleted(tx: Tx, agreementId: number, deleted: boolean) {
  const before = tx
    .select({ id: agreements.id, deletedAt: agreements.deletedAt })
    .from(agreements)
    .where(eq(agreements.id, agreementId))
    .get();
  if (!before) return null;
  if ((before.deletedAt !== null) === deleted) return { before, after: before, changed: false };
  const deletedAt = deleted ? new Date().toISOString() : null;
  tx.update(agreements)
    .set({ deletedAt, updatedAt: new Date().toISOString() })
    .where(eq(agreements.id, agreementId))
    .run();
  return { before, after: { id: agreementId, deletedAt }, changed: true };
}

const NOT_FOUND = { ok: false, kind: "not_found", message: "This agreement does not exist." } as const;

/** Soft-delete an agreement: it and its commitments leave every public page; an admin can restore it. */
export function deleteAgreement(db: Db, actorId: number | null, raw: unknown): WriteResult<{ agreementId: number }> {
  const guard = authorize(db, actorId, "agreement.delete");
  if (!guard.ok) return guard;
  const parsed = ZAgreementRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { agreementId } = parsed.data;
  return db.transaction((tx): WriteResult<{ agreementId: number }> => {
    const change = applyDeleted(tx, agreementId, true);
    if (!change) return NOT_FOUND;
    if (change.changed)
      writeAudit(tx, {
        actorId: guard.actor.id,
        action: "agreement.delete",
        entityType: "agreement",
        entityId: agreementId,
        ...change,
      });
    return { ok: true, data: { agreementId } };
  }, IMMEDIATE);
}

/** Restore a soft-deleted agreement. */
export function restoreAgreement(db: Db, actorId: number | null, raw: unknown): WriteResult<{ agreementId: number }> {
  const guard = authorize(db, actorId, "agreement.restore");
  if (!guard.ok) return guard;
  const parsed = ZAgreementRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { agreementId } = parsed.data;
  return db.transaction((tx): WriteResult<{ agreementId: number }> => {
    const change = applyDeleted(tx, agreementId, false);
    if (!change) return NOT_FOUND;
    if (change.changed)
      writeAudit(tx, {
        actorId: guard.actor.id,
        action: "agreement.restore",
        entityType: "agreement",
        entityId: agreementId,
        ...change,
      });
    return { ok: true, data: { agreementId } };
  }, IMMEDIATE);
}
