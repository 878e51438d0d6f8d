/**
 * Write verb `status_update.create`: an editor (or admin) posts a dated status update with its
 * evidence. Order (STYLE.md): check role → a form sent before is answered as it was → parse with zod
 * → one synchronous transaction (idempotency check again, version check, insert, bump version,
 * audit row) → small result.
 */
import { and, eq } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { updateBeforeSigning } from "../../lib/date-consistency";
import { ZRepeatedForm } from "../../lib/validation/fields";
import { parseStatusUpdate } from "../../lib/validation/status-update";
import { CONFLICT_MESSAGE, invalid, REUSED_FORM, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { agreements, commitments, evidence, statusUpdates } from "../schema";
import { commitmentIsLive } from "../live";
import { authorize } from "./guard";
import { IMMEDIATE } from "../transaction";

export interface PostedStatusUpdate {
  statusUpdateId: number;
  commitmentId: number;
  version: number;
  /** true when this submission had already been recorded (a double click or retry) */
  duplicate: boolean;
}

/**
 * The outcome for a submission id already used: the earlier update again (`duplicate: true`) when
 * it was this user's on this commitment, REUSED_FORM when it was for another; undefined when new.
 */
function earlierSubmission(
  db: Pick<Db, "select">,
  submissionId: string,
  commitmentId: number,
  actorId: number,
): WriteResult<PostedStatusUpdate> | undefined {
  const earlier = db
    .select({ id: statusUpdates.id, commitmentId: statusUpdates.commitmentId, authorId: statusUpdates.authorId })
    .from(statusUpdates)
    .where(eq(statusUpdates.submissionId, submissionId))
    .get();
  if (!earlier) return undefined;
  if (earlier.commitmentId !== commitmentId || earlier.authorId !== actorId) return REUSED_FORM;
  const c = db
    .select({ version: commitments.version })
    .from(commitments)
    .where(eq(commitments.id, earlier.commitmentId))
    .get();
  return {
    ok: true,
    data: { statusUpdateId: earlier.id, commitmentId: earlier.commitmentId, version: c?.version ?? 0, duplicate: true },
  };
}

/**
 * Post a status update.
 * @param actorId the signed-in user's id (null for a viewer).
 * @param raw untrusted input: `{ commitmentId, version, submissionId, status, progress, happenedOn,
 *   note, evidence: [{ title, url, publisher, publishedOn, kind }] }`; progress may be blank
 *   (unchanged).
 * @param today the reference calendar date (the update may not be dated later).
 */
export function postStatusUpdate(
  db: Db,
  actorId: number | null,
  raw: unknown,
  today: CalendarDate,
): WriteResult<PostedStatusUpdate> {
  const guard = authorize(db, actorId, "status_update.create");
  if (!guard.ok) return guard;
  // A form sent twice is recognised by its submission id before its fields are checked: the second
  // send of a double click can carry an emptied form (React resets a form once its action is done).
  const ids = ZRepeatedForm.safeParse(raw);
  if (ids.success) {
    const repeated = earlierSubmission(db, ids.data.submissionId, ids.data.commitmentId, guard.actor.id);
    if (repeated) return repeated;
  }
  const parsed = parseStatusUpdate(raw, today);
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  const actor = guard.actor;

  return db.transaction((tx): WriteResult<PostedStatusUpdate> => {
    const repeated = earlierSubmission(tx, input.submissionId, input.commitmentId, actor.id);
    if (repeated) return repeated;

    const found = tx
      .select({ c: commitments, signedOn: agreements.signedOn })
      .from(commitments)
      .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
      .where(eq(commitments.id, input.commitmentId))
      .get();
    const current = found && commitmentIsLive(tx, found.c.id) ? found.c : undefined;
    if (!current) return { ok: false, kind: "not_found", message: "This commitment does not exist or was deleted." };
    const message = updateBeforeSigning(input.happenedOn, found?.signedOn ?? null);
    if (message) {
      return {
        ok: false,
        kind: "invalid",
        message: "Some fields need attention.",
        fieldErrors: { happenedOn: [message] },
      };
    }
    if (current.version !== input.version) {
      return { ok: false, kind: "conflict", message: CONFLICT_MESSAGE, currentVersion: current.version };
    }

    const progressTo = input.progress ?? current.progress;
    const update = tx
      .insert(statusUpdates)
      .values({
        commitmentId: current.id,
        statusFrom: current.status,
        statusTo: input.status,
        progressFrom: current.progress,
        progressTo,
        note: input.note,
        happenedOn: input.happenedOn,
        authorId: actor.id,
        submissionId: input.submissionId,
      })
      .returning({ id: statusUpdates.id })
      .get();
    if (input.evidence.length > 0) {
      tx.insert(evidence)
        .values(
          input.evidence.map((e) => ({
            ...e,
            commitmentId: current.id,
            statusUpdateId: update.id,
            createdBy: actor.id,
          })),
        )
        .run();
    }
    const now = new Date().toISOString();
    const after = tx
      .update(commitments)
      .set({ status: input.status, progress: progressTo, version: current.version + 1, updatedAt: now })
      .where(and(eq(commitments.id, current.id), eq(commitments.version, current.version)))
      .returning({ status: commitments.status, progress: commitments.progress, version: commitments.version })
      .get();
    if (!after) throw new Error("commitment version changed inside the transaction");
    writeAudit(tx, {
      actorId: actor.id,
      action: "status_update.create",
      entityType: "commitment",
      entityId: current.id,
      before: { status: current.status, progress: current.progress, version: current.version },
      after: {
        ...after,
        statusUpdateId: update.id,
        happenedOn: input.happenedOn,
        note: input.note,
        evidence: input.evidence,
      },
    });
    return {
      ok: true,
      data: { statusUpdateId: update.id, commitmentId: current.id, version: after.version, duplicate: false },
    };
  }, IMMEDIATE);
}
