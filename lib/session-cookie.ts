/**
 * The names of Auth.js's session cookie: `authjs.session-token`, with the `__Secure-` prefix under
 * https, and split into `.0`, `.1` … chunks when large (Auth.js v5 cookie chunking).
 */
export const SESSION_COOKIE_NAMES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** Whether a Cookie header carries a session cookie (or a chunk of one). */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader !== undefined && SESSION_COOKIE.test(cookieHeader);
}
