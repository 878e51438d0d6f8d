/**
 * The first step of every write verb: who is calling, and may they? Re-reads the user row on every
 * call, so a disabled user or a changed role takes effect on the next request, whatever the session
 * token says. A refusal is audited (`access.denied`) in its own transaction; nothing else is written.
 */
import { can, type WriteVerb } from "../../lib/permissions";
import type { Refusal } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { getActiveUser, type SessionUser } from "../users";

export type GuardResult = { ok: true; actor: SessionUser } | Refusal;

/**
 * @param actorId the signed-in user's id from the session, or null for a viewer.
 * @returns the actor when allowed; a 401-kind refusal for no (or a disabled) user, 403-kind for a role
 *   too low.
 */
export function authorize(
  db: Db,
  actorId: number | null,
  verb: WriteVerb,
  entityId: string | number | null = null,
): GuardResult {
  const actor = actorId === null ? null : getActiveUser(db, actorId);
  if (actor && can(actor.role, verb)) return { ok: true, actor };
  const kind = actor ? "forbidden" : "unauthenticated";
  writeAudit(db, {
    actorId,
    action: "access.denied",
    entityType: verb.split(".")[0] ?? verb,
    entityId,
    after: { verb, reason: actorId !== null && !actor ? "disabled_or_unknown" : kind },
  });
  return kind === "forbidden"
    ? { ok: false, kind, message: "Your role does not allow this." }
    : { ok: false, kind, message: "Sign in to do this." };
}
