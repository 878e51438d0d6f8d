/**
 * Cache-Control for shared caches (lib/shared-cache.ts): the rule, and the wrapper in front of a
 * real HTTP server with the response cache behind it, as scripts/server.ts stacks them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { ResponseCache, withResponseCache } from "@/lib/response-cache";
import {
  PRIVATE_CACHE_CONTROL,
  SHARED_CACHE_CONTROL,
  sharedCacheControl,
  withSharedCacheHeaders,
  type ResponseFacts,
} from "@/lib/shared-cache";

const NEXT_DYNAMIC = "private, no-cache, no-store, max-age=0, must-revalidate";
const SESSION = "authjs.session-token=abc";

function facts(over: Partial<ResponseFacts>): ResponseFacts {
  return {
    method: "GET",
    url: "/",
    cookie: undefined,
    authorization: false,
    status: 200,
    cacheControl: NEXT_DYNAMIC,
    setsCookie: false,
    ...over,
  };
}

describe("the Cache-Control rule", () => {
  it("shares the public pages, API, CSV, feeds and sitemap for a short while", () => {
    expect(SHARED_CACHE_CONTROL).toBe("public, s-maxage=60, stale-while-revalidate=300");
    for (const url of [
      "/",
      "/commitments?status=in_progress&theme=Trade",
      "/commitments/6",
      "/agreements/kr-my-strategic-partnership-2024",
      "/deadlines",
      "/api/v1/commitments?status=stalled",
      "/commitments.csv?theme=Tourism",
      "/feed.xml",
      "/sitemap.xml",
    ]) {
      expect(sharedCacheControl(facts({ url })), url).toBe(SHARED_CACHE_CONTROL);
      expect(sharedCacheControl(facts({ url, method: "HEAD", status: 304 })), url).toBe(SHARED_CACHE_CONTROL);
    }
    // A 404 for a made-up id is the same for everyone too.
    expect(sharedCacheControl(facts({ url: "/commitments/99999", status: 404 }))).toBe(SHARED_CACHE_CONTROL);
  });

  it("keeps a public header of the response's own (the badges' `public, no-cache`)", () => {
    expect(sharedCacheControl(facts({ url: "/badge/commitments/6.svg", cacheControl: "public, no-cache" }))).toBeNull();
    // Next's header of metadata routes is not a shared-cache rule: replaced.
    expect(sharedCacheControl(facts({ url: "/sitemap.xml", cacheControl: "public, max-age=0, must-revalidate" }))).toBe(
      SHARED_CACHE_CONTROL,
    );
  });

  it("makes everything answered to a signed-in request private, public path or not", () => {
    for (const url of ["/", "/commitments/6", "/api/v1/commitments", "/badge/commitments/6.svg", "/staff"]) {
      expect(sharedCacheControl(facts({ url, cookie: `theme=x; ${SESSION}` })), url).toBe(PRIVATE_CACHE_CONTROL);
      expect(sharedCacheControl(facts({ url, authorization: true })), url).toBe(PRIVATE_CACHE_CONTROL);
    }
    // A chunked or __Secure- session cookie counts too.
    expect(sharedCacheControl(facts({ cookie: "__Secure-authjs.session-token.0=abc" }))).toBe(PRIVATE_CACHE_CONTROL);
  });

  it("makes the staff, admin, sign-in and Auth.js paths private, even without a session", () => {
    for (const url of [
      "/staff",
      "/staff/commitments/6",
      "/admin/users",
      "/signin?redirectTo=/staff",
      "/api/auth/csrf",
    ]) {
      expect(sharedCacheControl(facts({ url, cacheControl: undefined })), url).toBe(PRIVATE_CACHE_CONTROL);
    }
  });

  it("leaves errors, redirects, writes, cookies and other paths as Next answered them", () => {
    expect(sharedCacheControl(facts({ status: 500 }))).toBeNull();
    expect(sharedCacheControl(facts({ status: 307 }))).toBeNull();
    expect(sharedCacheControl(facts({ method: "POST" }))).toBeNull();
    expect(sharedCacheControl(facts({ setsCookie: true }))).toBeNull();
    expect(
      sharedCacheControl(
        facts({ url: "/_next/static/chunks/a.js", cacheControl: "public, max-age=31536000, immutable" }),
      ),
    ).toBeNull();
    expect(sharedCacheControl(facts({ url: "/humans.txt" }))).toBeNull();
    // A path Next would normalise to another route is not public.
    expect(sharedCacheControl(facts({ url: "/agreements/../admin" }))).toBeNull();
  });
});

describe("the wrapper in front of the response cache", () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  /** A server answering like Next: a dynamic page's private header, set either way. */
  async function start(): Promise<string> {
    const render = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === "/inline") {
        res.writeHead(200, { "Cache-Control": NEXT_DYNAMIC, "content-type": "text/plain" });
        res.end("inline");
        return;
      }
      if (req.url === "/api/v1/raw") {
        res.writeHead(200, ["Cache-Control", NEXT_DYNAMIC, "Content-Type", "application/json"]);
        res.end("{}");
        return;
      }
      res.setHeader("cache-control", NEXT_DYNAMIC);
      res.setHeader("content-type", "text/html");
      res.end(`page ${req.url}`);
    };
    const cache = new ResponseCache({ maxBytes: 1024 * 1024 });
    const listener = withSharedCacheHeaders(withResponseCache(render, { cache, stamp: () => "1" }));
    server = http.createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** A plain GET (http.get: fetch would add Cache-Control: no-cache to a conditional request). */
  function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) =>
      http
        .get(url, { headers }, (res) => {
          res.resume();
          resolve(res);
        })
        .on("error", reject),
    );
  }

  it("puts the shared header on a miss, a hit and a 304, with the cache's ETag", async () => {
    const base = await start();
    const miss = await get(`${base}/commitments`);
    expect(miss.headers["x-cache"]).toBe("MISS");
    expect(miss.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
    const hit = await get(`${base}/commitments`);
    expect(hit.headers["x-cache"]).toBe("HIT");
    expect(hit.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
    const etag = hit.headers["etag"];
    expect(etag).toMatch(/^(W\/)?"/);
    const again = await get(`${base}/commitments`, { "if-none-match": etag! });
    expect(again.statusCode).toBe(304);
    expect(again.headers["cache-control"]).toBe(SHARED_CACHE_CONTROL);
  });

  it("replaces a header given to writeHead, as an object or as raw pairs", async () => {
    const base = await start();
    expect((await fetch(`${base}/inline`)).headers.get("cache-control")).toBe(NEXT_DYNAMIC); // not a public path
    const raw = await fetch(`${base}/api/v1/raw`);
    expect(raw.headers.get("cache-control")).toBe(SHARED_CACHE_CONTROL);
    expect(await raw.text()).toBe("{}");
  });

  it("answers a signed-in request private, even from a stored copy", async () => {
    const base = await start();
    await fetch(`${base}/deadlines`); // stored
    const signedIn = await fetch(`${base}/deadlines`, { headers: { cookie: SESSION } });
    expect(signedIn.headers.get("x-cache")).toBe("HIT");
    expect(signedIn.headers.get("cache-control")).toBe(PRIVATE_CACHE_CONTROL);
    expect(await signedIn.text()).toBe("page /deadlines");
  });
});
