/**
 * The public pages' cache: an in-memory HTTP response cache in front of Next's request handler
 * (scripts/server.ts puts it there).
 *
 * Why our own: every public page reads SQLite, so Next renders it per request. Next's own ISR cache
 * still runs its whole page pipeline for a cached page (measured: 0.16 of a static file's
 * throughput; docs/decisions/004-response-cache.md), and it keeps its output in `.next/`, where a
 * later server on another database would find it. This cache answers a repeated GET from memory and
 * is emptied the moment the database changes or the app's calendar day turns.
 *
 * The rules:
 * - Only GET and HEAD of public paths ({@link isPublicPath}) are cached: the pages, the JSON API,
 *   the CSV, the feeds, the badges, the sitemap and robots.txt. These render the same for every
 *   visitor; they read no cookie and no session (tests/unit/response-cache.test.ts checks their
 *   sources). As a second guard, a response rendered for a request that carries a session cookie
 *   is served but never stored.
 * - The key ({@link cacheKey}) is the URL plus every request value a response depends on, each as
 *   its renderer reads it: the site origin as `siteOrigin` computes it (from APP_URL, or Host,
 *   X-Forwarded-Host and -Proto, already judged at the door), the kind of client as Next tells bots
 *   from browsers by User-Agent, and the headers in {@link KEY_HEADERS} (Next's RSC navigation
 *   headers and Accept-Encoding), where an absent header and an empty one are told apart. A
 *   response whose Vary names any other header, that sets a cookie, that is Next's answer to a
 *   middleware prefetch probe, or whose status is not 200 or 404 is not stored.
 * - The stamp (from the caller: the database's data version and today's date) is read when a
 *   request arrives. A new stamp empties the cache. A response is stored only if the stamp is still
 *   the one read when its request arrived, so a page rendered from data older than the newest
 *   write is never kept.
 * - Concurrent misses for one URL wait for the first one's render instead of rendering too.
 * - Bounded by bytes with lru-cache: `maxBytes` in all, `maxEntryBytes` per response.
 * - Stored responses carry an ETag; a matching If-None-Match is answered 304 Not Modified.
 * - Every cacheable response says `X-Cache: HIT` or `X-Cache: MISS`.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

import computeEtag from "etag";
import fresh from "fresh";
import { LRUCache } from "lru-cache";
import { isNonHtmlSecFetchDest } from "next/dist/server/lib/is-non-html-sec-fetch-dest";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";

import { hasSessionCookie } from "./session-cookie";
import { siteOrigin } from "./site-origin";

/**
 * Request headers that are part of the cache key as sent (Next reads them itself). Host and the
 * forwarded headers enter the key through the site origin instead; User-Agent through Next's bot
 * classification.
 */
export const KEY_HEADERS = [
  "accept-encoding",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
] as const;

/** The response header that says whether the cache answered. */
export const CACHE_HEADER = "x-cache";

const PUBLIC_EXACT = new Set([
  "/",
  "/agreements",
  "/commitments",
  "/deadlines",
  "/compare",
  "/feed.xml",
  "/commitments.csv",
  "/sitemap.xml",
  "/robots.txt",
]);
const PUBLIC_PREFIXES = ["/agreements/", "/commitments/", "/api/v1/", "/badge/", "/sitemap/"];

/** Longer URLs are passed through uncached (they are not links anyone shares). */
const MAX_URL_LENGTH = 2048;

/** Headers that describe one connection or one moment, not the response. */
const NOT_STORED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", CACHE_HEADER]);

/**
 * Whether `pathname` (no query) is a public, same-for-everyone path. /staff, /admin, /signin,
 * /api/auth and Next's own /_next assets are not; neither are the files in public/ (Next serves
 * those itself).
 */
export function isPublicPath(pathname: string): boolean {
  if (!isPlainPath(pathname)) return false;
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/**
 * Whether Next routes `pathname` as written: no "." or ".." segment (percent-encoded or not), no
 * empty segment, no backslash, no encoded slash. Next normalises the others before routing, so a
 * public-looking "/agreements/../admin" would reach /admin: such paths are never cached.
 */
function isPlainPath(pathname: string): boolean {
  if (pathname.includes("\\") || pathname.includes("//")) return false;
  for (const segment of pathname.split("/").slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (decoded === "." || decoded === ".." || /[\\/]/.test(decoded)) return false;
  }
  return true;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
}

/**
 * The cache key of a request, one line per part: the URL; the site origin (`siteOrigin`, so two
 * requests share an entry exactly when their pages carry the same links); Next's bot class of the
 * User-Agent (Next renders metadata differently for bots: `getBotType`, used by its renderer);
 * whether Sec-Fetch-Dest names a subresource (Next answers a 404 for an image or a script with a
 * plain-text "Not Found": `isNonHtmlSecFetchDest`); then
 * each of {@link KEY_HEADERS} as `-` when absent and `=value` when present, so an empty header never
 * shares an entry with an absent one.
 */
export function cacheKey(url: string, headers: IncomingHttpHeaders): string {
  const origin = siteOrigin({ get: (name) => headerValue(headers, name) });
  const bot = getBotType(headerValue(headers, "user-agent") ?? "") ?? "browser";
  const destination = isNonHtmlSecFetchDest(headerValue(headers, "sec-fetch-dest")) ? "subresource" : "document";
  let key = `${url}\n${origin}\n${bot}\n${destination}`;
  for (const name of KEY_HEADERS) {
    const value = headerValue(headers, name);
    key += value === null ? "\n-" : `\n=${value}`;
  }
  return key;
}

/** A stored response: status, headers (lower-case names, without {@link NOT_STORED}) and body bytes. */
export interface CachedResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/**
 * Whether a finished response may be stored, and in what form. An entry without an ETag gets one
 * computed from its bytes (the `etag` package), so repeat requests can be answered 304.
 * @returns the entry, or null when the status, a cookie, Next's prefetch marker or the Vary header rules it out.
 */
export function storableResponse(status: number, headers: OutgoingHttpHeaders, body: Buffer): CachedResponse | null {
  if (status !== 200 && status !== 404) return null;
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || NOT_STORED.has(lower)) continue;
    kept[lower] = value;
  }
  if (kept["set-cookie"] !== undefined) return null;
  // Next's answer to a middleware prefetch probe (an empty `{}`); the door also removes the header
  // that asks for it (lib/request-guard.ts). Cache-Control cannot tell it apart: Next marks every
  // dynamic page `private, no-store`.
  if (kept["x-middleware-skip"] !== undefined) return null;
  const vary = kept["vary"];
  if (vary !== undefined) {
    const names = String(vary)
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    if (names.some((name) => !(KEY_HEADERS as readonly string[]).includes(name))) return null;
  }
  // A validator for conditional requests (feed readers and badge proxies send If-None-Match).
  if (kept["etag"] === undefined) kept["etag"] = computeEtag(body);
  return { status, headers: kept, body };
}

function headerLength(headers: OutgoingHttpHeaders): number {
  let length = 0;
  for (const [name, value] of Object.entries(headers)) length += name.length + String(value).length;
  return length;
}

export interface ResponseCacheOptions {
  /** Total size of the stored bodies and headers, in bytes (default 64 MiB). */
  maxBytes?: number;
  /** Larger responses are not stored (default 4 MiB). */
  maxEntryBytes?: number;
}

/** The store: an LRU of {@link CachedResponse}s, all of one stamp. */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  private stamp: string | undefined;
  readonly maxEntryBytes: number;

  /** @throws RangeError when `maxBytes` is under 64 KiB (too small to hold a page). */
  constructor({ maxBytes = 64 * 1024 * 1024, maxEntryBytes = 4 * 1024 * 1024 }: ResponseCacheOptions = {}) {
    if (!(maxBytes >= 64 * 1024))
      throw new RangeError(`A response cache needs at least 64 KiB (got ${maxBytes} bytes)`);
    this.maxEntryBytes = Math.min(maxEntryBytes, maxBytes);
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      // An estimate of what an entry holds in memory: its body, key and headers (strings count
      // twice, as UTF-16), and about 1 KiB of objects around them (a tester measured 1–1.5 KiB per
      // small entry with 100k of them).
      sizeCalculation: (entry, key) => entry.body.length + 2 * (key.length + headerLength(entry.headers)) + 1024,
      // Many tiny responses (404s for made-up ids) cost more than their size says: cap the count too.
      max: Math.max(1000, Math.floor(maxBytes / 4096)),
    });
  }

  /** Move the cache to `stamp`; when it differs from the current one, every entry is dropped. */
  advance(stamp: string): void {
    if (stamp === this.stamp) return;
    this.entries.clear();
    this.stamp = stamp;
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  /** Store `entry` if the cache is still at `stamp`; returns whether it was stored. */
  set(key: string, stamp: string, entry: CachedResponse): boolean {
    if (stamp !== this.stamp || entry.body.length > this.maxEntryBytes) return false;
    this.entries.set(key, entry);
    return this.entries.has(key);
  }

  /** Number of stored responses. */
  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes the stored responses hold (the sum the size limit is checked against). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface CachedHandlerOptions {
  cache: ResponseCache;
  /** The current stamp; any change empties the cache. Called once per cacheable request. */
  stamp: () => string;
  /** Told when reading the stamp fails; the request is then served uncached. */
  onError?: (error: unknown) => void;
}

/**
 * Wrap `handle` (Next's request handler) so that public GETs are answered from `cache`.
 *
 * Concurrent misses for one URL are coalesced: while the first request renders, the others wait and
 * are then answered from what it stored (or, if it stored nothing, each rendered for itself). So a
 * burst of visitors right after a write costs one render per page, not one per visitor.
 */
export function withResponseCache(handle: RequestHandler, { cache, stamp, onError }: CachedHandlerOptions) {
  /** Renders in progress, by stamp and key; each settles when its response has closed. */
  const inFlight = new Map<string, Promise<void>>();

  const answer = (req: IncomingMessage, res: ServerResponse, current: string, key: string): unknown => {
    const hit = cache.get(key);
    if (hit) {
      for (const [name, value] of Object.entries(hit.headers)) if (value !== undefined) res.setHeader(name, value);
      res.setHeader(CACHE_HEADER, "HIT");
      // If-None-Match / If-Modified-Since answered as Express does (the `fresh` package, RFC 9110 §13).
      if (hit.status === 200 && fresh(req.headers, { etag: String(hit.headers["etag"]) })) {
        res.statusCode = 304;
        res.removeHeader("content-type");
        res.end();
        return undefined;
      }
      res.statusCode = hit.status;
      res.setHeader("content-length", hit.body.length);
      res.end(req.method === "HEAD" ? undefined : hit.body);
      return undefined;
    }
    res.setHeader(CACHE_HEADER, "MISS");
    if (req.method !== "GET" || hasSessionCookie(req.headers.cookie)) return handle(req, res);
    const flight = `${current}\n${key}`;
    const waiting = inFlight.get(flight);
    if (waiting) {
      // Rendered by the request ahead of this one: take its copy (or render, if it kept none).
      return waiting.then(() => {
        const stored = cache.get(key);
        if (stored) {
          res.removeHeader(CACHE_HEADER);
          return answer(req, res, current, key);
        }
        return handle(req, res);
      });
    }
    inFlight.set(
      flight,
      new Promise<void>((resolve) => {
        res.once("close", () => {
          inFlight.delete(flight);
          resolve();
        });
      }),
    );
    recordResponse(res, cache.maxEntryBytes, (entry) => {
      cache.set(key, current, entry);
    });
    return handle(req, res);
  };

  return (req: IncomingMessage, res: ServerResponse): unknown => {
    const url = req.url ?? "/";
    const method = req.method;
    if ((method !== "GET" && method !== "HEAD") || url.length > MAX_URL_LENGTH || req.headers.range !== undefined) {
      return handle(req, res);
    }
    const query = url.indexOf("?");
    if (!isPublicPath(query === -1 ? url : url.slice(0, query))) return handle(req, res);

    let current: string;
    try {
      current = stamp();
    } catch (error) {
      onError?.(error);
      return handle(req, res);
    }
    cache.advance(current);
    return answer(req, res, current, cacheKey(url, req.headers));
  };
}

/**
 * Keep a copy of everything written to `res` and, once it has finished (not when the client went
 * away first), hand the storable form to `done`. Bodies over `maxBytes` are not kept.
 */
function recordResponse(res: ServerResponse, maxBytes: number, done: (entry: CachedResponse) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooLarge = false;
  let headHeaders: OutgoingHttpHeaders = {};

  const keep = (chunk: unknown, encoding: unknown) => {
    if (tooLarge || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array); // a copy: the writer may reuse its buffer
    bytes += buffer.length;
    if (bytes > maxBytes) {
      tooLarge = true;
      chunks.length = 0;
    } else chunks.push(buffer);
  };

  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headers = args.find((arg, i) => i > 0 && typeof arg === "object" && arg !== null);
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) headHeaders[String(headers[i]).toLowerCase()] = headers[i + 1];
    } else if (headers) headHeaders = { ...headHeaders, ...(headers as OutgoingHttpHeaders) };
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;

  res.once("finish", () => {
    if (tooLarge) return;
    const entry = storableResponse(res.statusCode, { ...res.getHeaders(), ...headHeaders }, Buffer.concat(chunks));
    if (entry) done(entry);
  });
}
