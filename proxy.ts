/**
 * Runs before routing (Next 16's middleware, on the Node runtime):
 *
 * 1. Unknown agreements and commitments are rewritten to an unmatched path, so they get the real,
 *    server-rendered 404 page. Calling `notFound()` in a dynamic page answers 404 with an empty HTML
 *    shell whose content only appears with JavaScript (vercel/next.js#62228, #57583); the pages
 *    still call `notFound()` as a second line.
 * 2. Optimistic redirect only (the Next.js authentication guide): /staff and /admin without a session
 *    cookie go to /signin. The real checks happen in every page, action and route, which re-read the
 *    user.
 */
import { type NextRequest, NextResponse } from "next/server";

import { getDb } from "./db/client";
import { agreementExists, commitmentExists } from "./db/queries/shared";
import { parseRowId } from "./lib/ids";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const NOT_FOUND_PATH = "/_unknown";

function notFound(request: NextRequest) {
  return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url));
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

  const slug = segment(pathname, "/agreements/");
  if (slug !== null) return agreementExists(getDb(), slug) ? NextResponse.next() : notFound(request);
  const idText = segment(pathname, "/commitments/");
  if (idText !== null) {
    const id = parseRowId(idText);
    return id !== null && commitmentExists(getDb(), id) ? NextResponse.next() : notFound(request);
  }

  if (pathname.startsWith("/staff") || pathname.startsWith("/admin")) {
    // A POST is a server action: let it reach its write verb, which refuses and audits the attempt.
    if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
    if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = "";
    url.searchParams.set("redirectTo", pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/agreements/:slug", "/commitments/:id", "/staff", "/staff/:path*", "/admin", "/admin/:path*"],
};
