/**
 * Cache-Control for shared caches (a CDN, nginx `proxy_cache`, Varnish) in front of the app.
 *
 * Next marks every dynamic page `private, no-store`, so nothing in front of the server could keep
 * one. The public responses are the same for every visitor (lib/response-cache.ts checks that
 * their sources read no cookie or session), so the server's door (scripts/server.ts) rewrites their
 * header to {@link SHARED_CACHE_CONTROL}: a shared cache may keep them for a short while
 * (`s-maxage`, RFC 9111 §5.2.2.10) and serve a stale copy while it fetches a fresh one
 * (`stale-while-revalidate`, RFC 5861 §3), revalidating with the ETag the response cache adds.
 * Browsers ignore `s-maxage`; with no `max-age` and no Last-Modified they keep no fresh copy of
 * their own (no heuristic freshness, RFC 9111 §4.2.2).
 *
 * The rules ({@link sharedCacheControl}):
 * - GET and HEAD of a public path ({@link isPublicPath}) without a session cookie or an
 *   Authorization header, answered 200, 304 or 404 with no Set-Cookie: {@link SHARED_CACHE_CONTROL},
 *   unless the response has a shared-cache rule of its own (`public` with `no-cache` or `s-maxage`:
 *   the badges' `public, no-cache`). Next's `public, max-age=0, must-revalidate` of the sitemap
 *   and robots.txt is replaced.
 * - Anything answered to a request that carries a session cookie or Authorization, and everything
 *   under /staff, /admin, /signin and /api/auth: {@link PRIVATE_CACHE_CONTROL}.
 * - Everything else keeps what Next set (its hashed /_next/static assets stay immutable; errors and
 *   redirects keep Next's header). The door's own refusals say `no-store` before this layer.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

import { isPublicPath } from "./response-cache";
import { hasSessionCookie } from "./session-cookie";

/** Seconds a shared cache may serve a public response without asking again. */
export const SHARED_MAX_AGE = 60;
/** Seconds past that a shared cache may serve the stale copy while it revalidates in the background. */
export const STALE_WHILE_REVALIDATE = 300;

/** The header of public responses. */
export const SHARED_CACHE_CONTROL = `public, s-maxage=${SHARED_MAX_AGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;
/** The header of signed-in responses and of the sign-in, staff and admin paths. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";

const PRIVATE_PREFIXES = ["/staff", "/admin", "/signin", "/api/auth"];
const SHAREABLE_STATUS = new Set([200, 304, 404]);

function isPrivatePath(pathname: string): boolean {
  return PRIVATE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** What a response is about to send, as far as the rule needs it. */
export interface ResponseFacts {
  method: string | undefined;
  /** the request's URL (path and query) */
  url: string;
  /** the request's Cookie header */
  cookie: string | undefined;
  authorization: boolean;
  status: number;
  /** the Cache-Control the response carries so far, if any */
  cacheControl: string | undefined;
  setsCookie: boolean;
}

/**
 * The Cache-Control a response should carry, or null to keep the one it has.
 * (The rules are in the module comment.)
 */
export function sharedCacheControl(facts: ResponseFacts): string | null {
  const query = facts.url.indexOf("?");
  const pathname = query === -1 ? facts.url : facts.url.slice(0, query);
  if (hasSessionCookie(facts.cookie) || facts.authorization || isPrivatePath(pathname)) return PRIVATE_CACHE_CONTROL;
  if (facts.method !== "GET" && facts.method !== "HEAD") return null;
  if (!isPublicPath(pathname) || !SHAREABLE_STATUS.has(facts.status) || facts.setsCookie) return null;
  // A rule of the response's own for shared caches (the badges' `public, no-cache`) stays.
  if (facts.cacheControl !== undefined && /^\s*public\b.*\b(no-cache|s-maxage)\b/i.test(facts.cacheControl))
    return null;
  return SHARED_CACHE_CONTROL;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

function headerOf(headers: OutgoingHttpHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined)
      return Array.isArray(value) ? value.join(", ") : String(value);
  }
  return undefined;
}

/**
 * Wrap `handle` so that every response's Cache-Control follows {@link sharedCacheControl}, decided
 * when its head is written (by `writeHead`, which Node also calls for an implicit head), so it
 * applies alike to Next's renders, the response cache's hits and its 304s.
 */
export function withSharedCacheHeaders(handle: Handler): Handler {
  return (req, res) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
      // writeHead(status, [reason], [headers]): headers given here win over setHeader's.
      const at = rest.findIndex((arg) => typeof arg === "object" && arg !== null);
      let given = at === -1 ? undefined : rest[at];
      let inline: OutgoingHttpHeaders = {};
      if (Array.isArray(given)) {
        for (let i = 0; i + 1 < given.length; i += 2) inline[String(given[i]).toLowerCase()] = given[i + 1];
      } else if (given) inline = given as OutgoingHttpHeaders;
      const merged = { ...this.getHeaders(), ...inline };
      const chosen = sharedCacheControl({
        method: req.method,
        url: req.url ?? "/",
        cookie: req.headers.cookie,
        authorization: req.headers.authorization !== undefined,
        status: statusCode,
        cacheControl: headerOf(merged, "cache-control"),
        setsCookie: headerOf(merged, "set-cookie") !== undefined,
      });
      if (chosen !== null) {
        if (Array.isArray(given)) {
          const pairs: unknown[] = [];
          for (let i = 0; i + 1 < given.length; i += 2) {
            if (String(given[i]).toLowerCase() !== "cache-control") pairs.push(given[i], given[i + 1]);
          }
          given = pairs;
        } else if (given) {
          given = Object.fromEntries(
            Object.entries(given as OutgoingHttpHeaders).filter(([key]) => key.toLowerCase() !== "cache-control"),
          );
        }
        if (at !== -1) rest[at] = given;
        if (!this.headersSent) this.setHeader("cache-control", chosen);
      }
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
    } as typeof res.writeHead;
    return handle(req, res);
  };
}
