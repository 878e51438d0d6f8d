/**
 * The signed-in user behind a request's session cookie, read without Next's request context, for
 * proxy.ts: the Auth.js session JWT (`authjs.session-token`, or `__Secure-authjs.session-token`
 * under https, possibly chunked) is decrypted with the auth secret, then the user row is re-read
 * as the pages do (`currentUser`, auth/actor.ts): a disabled user, or a session older than the
 * user's last disable or password reset, counts as nobody.
 */
import { getToken } from "next-auth/jwt";

import type { Db } from "../db/client";
import { getActiveUser, type SessionUser } from "../db/users";

const SECURE_COOKIE = /(?:^|;\s*)__Secure-authjs\.session-token(?:\.\d+)?=/;

/** The JWT claim `signedInAt` (seconds since the epoch) as a Date; undefined when absent or not a number. */
export function signedInAt(seconds: unknown): Date | undefined {
  return typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

/**
 * @param cookieHeader the request's Cookie header (untrusted)
 * @param secret the auth secret (auth/config-check.ts `resolveAuthSecret`)
 * @returns the active user, or null when there is no session cookie, it does not decrypt, has
 *   expired, names no user, or was cut off. Never throws for a bad cookie.
 */
export async function sessionUserFromCookie(
  db: Db,
  cookieHeader: string | undefined,
  secret: string,
): Promise<SessionUser | null> {
  if (!cookieHeader) return null;
  let token: Awaited<ReturnType<typeof getToken>>;
  try {
    token = await getToken({
      req: { headers: new Headers({ cookie: cookieHeader }) },
      secret,
      secureCookie: SECURE_COOKIE.test(cookieHeader),
      logger: { error: () => undefined, warn: () => undefined, debug: () => undefined },
    });
  } catch {
    return null;
  }
  const id = Number(token?.sub);
  if (!token || !Number.isSafeInteger(id) || id < 1) return null;
  return getActiveUser(db, id, signedInAt(token.signedInAt));
}
