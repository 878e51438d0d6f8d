/**
 * Runs before routing (Next 16's middleware, on the Node runtime):
 *
 * 1. Unknown agreements and commitments are rewritten to an unmatched path, so they get the real,
 *    server-rendered 404 page. Calling `notFound()` in a dynamic page answers 404 with an empty HTML
 *    shell whose content only appears with JavaScript (vercel/next.js#62228, #57583); the pages
 *    still call `notFound()` as a second line.
 * 2. An address with a malformed %-escape gets a 400 (Next would answer a bare 500).
 * 3. Optimistic redirect only (the Next.js authentication guide): /staff and /admin without a session
 *    cookie go to /signin. The real checks happen in every page, action and route, which re-read the
 *    user.
 * 3a. A page under /admin loaded (GET/HEAD, not an RSC fetch) by a signed-in user who is not an
 *    admin is answered 403 (`NextResponse.next` with that status), so the admin layout renders its
 *    "Admins only" page as before under a 403. The role is read as the pages read it (the session JWT, then the user row;
 *    auth/session-user.ts); the layout still checks it. Not done with `forbidden()`: that needs
 *    `experimental.authInterrupts`, which streams an extra inline script into every public page
 *    (docs/STATUS.md, session 8).
 * 4. /staff, /admin and /signin (never cached) get a Content-Security-Policy with a fresh nonce:
 *    set on the request, where Next reads it and puts the nonce on its scripts, and on the response
 *    (lib/csp.ts; the Next.js guide "Content Security Policy", "Adding a nonce with Proxy").
 */
import { type NextRequest, NextResponse } from "next/server";

import { resolveAuthSecret } from "./auth/config-check";
import { sessionUserFromCookie } from "./auth/session-user";
import { getDb } from "./db/client";
import { agreementExists, commitmentExists } from "./db/queries/shared";
import { isNoncePath, newNonce, noncePolicy } from "./lib/csp";
import { databasePath } from "./lib/env";
import { parseRowId } from "./lib/ids";
import { hasSessionCookie } from "./lib/session-cookie";

const NOT_FOUND_PATH = "/_unknown";

/**
 * Continue with a fresh nonce policy on the request (for Next to read) and on the response; with
 * `status`, the page is rendered under that status (Next sets it on the response before rendering;
 * a rewrite to itself would be proxied to this server's own port and loop).
 */
function withNonce(request: NextRequest, status?: number) {
  const policy = noncePolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers }, status });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function notFound(request: NextRequest) {
  return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url));
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function segment(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  if (rest === "" || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return "";
  }
}

function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

/**
 * Whether this is one of the client router's or a server action's RSC fetches (header `RSC: 1`,
 * an `_rsc` cache-busting parameter, or `Accept: text/x-component`), not a page load.
 */
function isRscRequest(request: NextRequest): boolean {
  return (
    request.headers.get("rsc") === "1" ||
    request.nextUrl.searchParams.has("_rsc") ||
    (request.headers.get("accept") ?? "").includes("text/x-component")
  );
}

/** Whether the request's session belongs to an active user who is not an admin. */
async function signedInNonAdmin(request: NextRequest): Promise<boolean> {
  const secret = resolveAuthSecret(process.env, databasePath());
  const user = await sessionUserFromCookie(getDb(), request.headers.get("cookie") ?? undefined, secret);
  return user !== null && user.role !== "admin";
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Malformed percent-encoding ("/api/v1/commitments/%"): Next would fail to decode the route
  // parameter and answer a bare 500.
  if (!isDecodable(pathname)) {
    return new NextResponse("Bad request: the address has a malformed %-escape.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }

  const slug = segment(pathname, "/agreements/");
  if (slug !== null) return agreementExists(getDb(), slug) ? NextResponse.next() : notFound(request);
  const idText = segment(pathname, "/commitments/");
  if (idText !== null) {
    const id = parseRowId(idText);
    return id !== null && commitmentExists(getDb(), id) ? NextResponse.next() : notFound(request);
  }

  if (pathname === "/signin" || pathname.startsWith("/signin/")) return withNonce(request);
  if (isNoncePath(pathname)) {
    // A POST is a server action: let it reach its write verb, which refuses and audits the attempt.
    if (request.method !== "GET" && request.method !== "HEAD") return withNonce(request);
    if (hasSessionCookie(request.headers.get("cookie") ?? undefined)) {
      // Only a page load: the client router's RSC fetches (a navigation, the page a server action
      // redirects to, which Next fetches and pipes into the action's answer) keep 200, as a 403
      // there leaves sign-in's redirect hanging; their page is the same "Admins only".
      const forbidden = isAdminPath(pathname) && !isRscRequest(request) && (await signedInNonAdmin(request));
      return withNonce(request, forbidden ? 403 : undefined);
    }
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = "";
    url.searchParams.set("redirectTo", pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/agreements/:slug",
    "/agreements/:slug/feed.xml",
    "/commitments/:id",
    "/commitments/:id/feed.xml",
    "/api/v1/:path*",
    "/badge/:path*",
    "/staff",
    "/staff/:path*",
    "/admin",
    "/admin/:path*",
    "/signin",
    "/signin/:path*",
  ],
};
