/**
 * The signed-in user for this request, re-read from the database (a disabled user counts as nobody).
 * Memoised per request with React `cache`.
 */
import "server-only";

import { cache } from "react";

import { getDb } from "../db/client";
import { getActiveUser, type SessionUser } from "../db/users";
import { auth } from "./index";
import { signedInAt } from "./session-user";

/**
 * The active user behind the session, or `null` for a viewer: no session, user disabled, or a
 * session older than the user's last disable or password reset.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  return getActiveUser(getDb(), id, signedInAt(session?.user?.signedInAt));
});

/**
 * The session's user id for write verbs (which re-check role and disable themselves), or null when
 * there is no session or it was cut off by a password reset or a disable since it began.
 */
export async function sessionUserId(): Promise<number | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const since = signedInAt(session?.user?.signedInAt);
  // A cut-off session is nobody; a disabled user is left to the verb's guard, which audits it.
  const row = getActiveUser(getDb(), id, since);
  return row || !getActiveUser(getDb(), id) ? id : null;
}
