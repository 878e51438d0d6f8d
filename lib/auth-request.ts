/**
 * Requests to Auth.js's endpoints (/api/auth/…) that it would answer with 500, answered instead as
 * the client errors they are (app/api/auth/[...nextauth]/route.ts applies these rules):
 *
 * - a `callbackUrl` query parameter, or an `authjs.callback-url` cookie, that is not an http(s)
 *   address or a path: Auth.js's `assertConfig` treats it as a server configuration error
 *   (`InvalidCallbackUrl`, rule `isValidHttpUrl` in @auth/core lib/utils/assert.js) and answers 500.
 *   We answer 400 (and clear the cookie);
 * - the error page `/api/auth/error?error=…`: Auth.js picks its status from the query (500 for
 *   `Configuration`), so any visitor can make it answer 500. We answer it ourselves with a plain
 *   page: 403 for `AccessDenied` and `Verification` (as Auth.js does), else 400. Server faults that
 *   led there were logged when they happened; the page only reports that sign-in did not complete.
 */
import escapeHtml from "escape-html";

/** Names of Auth.js's callback-URL cookie (plain and on https). */
export const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"] as const;

/** Auth.js's own rule for a callback URL: http(s) absolute, or a path (resolved on `origin`). */
export function isValidCallbackUrl(url: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/** The value of cookie `name` in a Cookie header (decoded like Auth.js's cookie parser), or undefined. */
export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export interface AuthRefusal {
  status: 400 | 403;
  message: string;
  /** cookies to clear with the answer */
  clearCookies: string[];
}

/**
 * The refusal for a request to Auth.js at `url` with these `cookies`, or null to let Auth.js answer.
 * @param url the request's URL (its origin resolves a path-only callback URL, as in Auth.js)
 */
export function authRefusal(url: URL, cookieHeader: string | null): AuthRefusal | null {
  const action = url.pathname.replace(/^\/api\/auth\/?/, "").split("/")[0];
  if (action === "error") {
    const error = url.searchParams.get("error") ?? "";
    const denied = error === "AccessDenied" || error === "Verification";
    return {
      status: denied ? 403 : 400,
      message: denied
        ? "Sign-in was refused."
        : "Sign-in could not be completed. Go back to the sign-in page and try again.",
      clearCookies: [],
    };
  }
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl && !isValidCallbackUrl(callbackUrl, url.origin)) {
    return {
      status: 400,
      message: "Bad request: callbackUrl must be a path on this site (such as /staff) or an http(s) address.",
      clearCookies: [],
    };
  }
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = cookieValue(cookieHeader, name);
    return value !== undefined && !isValidCallbackUrl(value, url.origin);
  });
  if (badCookies.length > 0) {
    return {
      status: 400,
      message:
        "Bad request: the sign-in return address kept in a cookie was not an address. It has been cleared; try again.",
      clearCookies: badCookies,
    };
  }
  return null;
}

/** A plain HTML page for `refusal`, with a link back to the sign-in page. */
export function authRefusalPage(refusal: AuthRefusal): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in · Accord Tracker</title></head>
<body><h1>Sign-in</h1><p>${escapeHtml(refusal.message)}</p><p><a href="/signin">Sign in</a> · <a href="/">Accord Tracker</a></p></body></html>
`;
}
