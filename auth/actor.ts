/**
 * The signed-in user for this request, re-read from the database (a disabled user counts as nobody).
 * Memoised per request with React `cache`.
 */
import "server-only";

import { cache } from "react";

import { getDb } from "../db/client";
import { getActiveUser, type SessionUser } from "../db/users";
import { auth } from "./index";

/** The active user behind the session, or `null` for a viewer (no session, or user disabled). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  return getActiveUser(getDb(), id);
});

/** The session's user id (not re-checked), for write verbs that re-check it themselves. */
export async function sessionUserId(): Promise<number | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
