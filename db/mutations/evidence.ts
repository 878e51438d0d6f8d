/**
 * Write verbs `evidence.create` and `evidence.delete` (soft delete): editors add or remove evidence
 * links on a commitment; `evidence.restore`: an admin brings a removed link back. Each bumps the commitment's version (it changes what the commitment shows)
 * and is refused against an old version. Order: check role → parse → transaction → audit → result.
 */
import { and, eq, isNull, ne } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { addEvidenceSchema, ZRemoveEvidence } from "../../lib/validation/evidence";
import { ZRepeatedForm } from "../../lib/validation/fields";
import { CONFLICT_MESSAGE, invalid, REUSED_FORM, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { commitments, evidence } from "../schema";
import { commitmentIsLive } from "../live";
import { authorize } from "./guard";
import { IMMEDIATE } from "../transaction";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function liveCommitment(tx: Tx | Db, id: number) {
  if (!commitmentIsLive(tx, id)) return undefined;
  return tx
    .select({ id: commitments.id, version: commitments.version, status: commitments.status })
    .from(commitments)
    .where(eq(commitments.id, id))
    .get();
}

/** The live commitment and one of its evidence links (removed or not), or a not-found refusal. */
function findLink(tx: Tx, commitmentId: number, evidenceId: number) {
  const current = liveCommitment(tx, commitmentId);
  if (!current)
    return { ok: false, kind: "not_found", message: "This commitment does not exist or was deleted." } as const;
  const before = tx
    .select()
    .from(evidence)
    .where(and(eq(evidence.id, evidenceId), eq(evidence.commitmentId, commitmentId)))
    .get();
  if (!before) return { ok: false, kind: "not_found", message: "This evidence link does not exist." } as const;
  return { ok: true, current, before } as const;
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
 * The outcome for a submission id already used: the earlier link again (`duplicate: true`) when it
 * was this user's on this commitment, REUSED_FORM otherwise; undefined when the id is new.
 */
function earlierEvidence(
  db: Tx | Db,
  submissionId: string,
  commitmentId: number,
  actorId: number,
): WriteResult<EvidenceWriteResult> | undefined {
  const earlier = db
    .select({ id: evidence.id, commitmentId: evidence.commitmentId, createdBy: evidence.createdBy })
    .from(evidence)
    .where(eq(evidence.submissionId, submissionId))
    .get();
  if (!earlier) return undefined;
  if (earlier.commitmentId !== commitmentId || earlier.createdBy !== actorId) return REUSED_FORM;
  const c = liveCommitment(db, commitmentId);
  return { ok: true, data: { evidenceId: earlier.id, commitmentId, version: c?.version ?? 0, duplicate: true } };
}

/**
 * Add one evidence link to a commitment, not tied to a status update.
 * @param raw `{ commitmentId, version, submissionId, title, url, publisher, publishedOn, kind }`
 * @param today the reference date (a link may not be published later).
 */
export function addEvidence(
  db: Db,
  actorId: number | null,
  raw: unknown,
  today: CalendarDate,
): WriteResult<EvidenceWriteResult> {
  const guard = authorize(db, actorId, "evidence.create");
  if (!guard.ok) return guard;
  // A form sent twice is answered as the first time before its fields are checked (the second send
  // of a double click can carry a form React has already reset).
  const ids = ZRepeatedForm.safeParse(raw);
  if (ids.success) {
    const repeated = earlierEvidence(db, ids.data.submissionId, ids.data.commitmentId, guard.actor.id);
    if (repeated) return repeated;
  }
  const parsed = addEvidenceSchema(today).safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version, submissionId, ...fields } = parsed.data;
  const actor = guard.actor;

  return db.transaction((tx): WriteResult<EvidenceWriteResult> => {
    const repeated = earlierEvidence(tx, submissionId, commitmentId, actor.id);
    if (repeated) return repeated;
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
    const found = findLink(tx, commitmentId, evidenceId);
    if (!found.ok) return found;
    const { current, before } = found;
    if (before.deletedAt) {
      // Already removed (a double click): nothing to do.
      return { ok: true, data: { evidenceId, commitmentId, version: current.version, duplicate: true } };
    }
    if (current.version !== version)
      return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: current.version };
    const others = tx
      .select({ id: evidence.id })
      .from(evidence)
      .where(and(eq(evidence.commitmentId, commitmentId), isNull(evidence.deletedAt), ne(evidence.id, evidenceId)))
      .get();
    if (!others && current.status !== "not_assessed") {
      const message = "This is the commitment's last evidence link, and its status needs one. Add another link first.";
      return { ok: false, kind: "invalid", message, fieldErrors: { evidenceId: [message] } };
    }
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

/**
 * Restore a removed evidence link (admins).
 * @param raw `{ commitmentId, version, evidenceId }`
 */
export function restoreEvidence(db: Db, actorId: number | null, raw: unknown): WriteResult<EvidenceWriteResult> {
  const guard = authorize(db, actorId, "evidence.restore");
  if (!guard.ok) return guard;
  const parsed = ZRemoveEvidence.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { commitmentId, version, evidenceId } = parsed.data;
  const actor = guard.actor;

  return db.transaction((tx): WriteResult<EvidenceWriteResult> => {
    const found = findLink(tx, commitmentId, evidenceId);
    if (!found.ok) return found;
    const { current, before } = found;
    if (!before.deletedAt)
      return { ok: true, data: { evidenceId, commitmentId, version: current.version, duplicate: true } };
    if (current.version !== version)
      return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: current.version };
    tx.update(evidence).set({ deletedAt: null }).where(eq(evidence.id, evidenceId)).run();
    const newVersion = bumpVersion(tx, commitmentId, version);
    writeAudit(tx, {
      actorId: actor.id,
      action: "evidence.restore",
      entityType: "evidence",
      entityId: evidenceId,
      before: { url: before.url, title: before.title, deletedAt: before.deletedAt },
      after: { deletedAt: null, version: newVersion },
    });
    return { ok: true, data: { evidenceId, commitmentId, version: newVersion, duplicate: false } };
  }, IMMEDIATE);
}
