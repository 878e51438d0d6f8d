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
 * 4. /staff, /admin and /signin (never cached) get a Content-Security-Policy with a fresh nonce:
 *    set on the request, where Next reads it and puts the nonce on its scripts, and on the response
 *    (lib/csp.ts; the Next.js guide "Content Security Policy", "Adding a nonce with Proxy").
 */
import { type NextRequest, NextResponse } from "next/server";

import { getDb } from "./db/client";
import { agreementExists, commitmentExists } from "./db/queries/shared";
import { isNoncePath, newNonce, noncePolicy } from "./lib/csp";
import { parseRowId } from "./lib/ids";
import { hasSessionCookie } from "./lib/session-cookie";

const NOT_FOUND_PATH = "/_unknown";

/** Continue with a fresh nonce policy on the request (for Next to read) and on the response. */
function withNonce(request: NextRequest) {
  const policy = noncePolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
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

export function proxy(request: NextRequest) {
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
    if (hasSessionCookie(request.headers.get("cookie") ?? undefined)) return withNonce(request);
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
