/**
 * The public pages' response cache (lib/response-cache.ts) in front of a real HTTP server, and the
 * database version that empties it (db/public-revision.ts) on a real SQLite file.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import computeEtag from "etag";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { openPublicRevision } from "@/db/public-revision";
import {
  cacheKey,
  isPublicPath,
  ResponseCache,
  storableResponse,
  withResponseCache,
  type ResponseCacheOptions,
} from "@/lib/response-cache";

import { createTempDb, type TempDb } from "../support/temp-db";

describe("which requests are cached", () => {
  it("takes the public pages, API, CSV, feeds and badges, and nothing signed-in or static", () => {
    for (const p of [
      "/",
      "/agreements",
      "/commitments",
      "/commitments/6",
      "/commitments/6/feed.xml",
      "/agreements/kr-my-strategic-partnership-2024",
      "/deadlines",
      "/compare",
      "/feed.xml",
      "/commitments.csv",
      "/api/v1/commitments",
      "/api/v1/openapi.json",
      "/badge/commitments/6.svg",
      "/sitemap.xml",
      "/sitemap/0.xml",
      "/robots.txt",
    ]) {
      expect(isPublicPath(p), p).toBe(true);
    }
    for (const p of [
      "/staff",
      "/staff/commitments/6",
      "/admin",
      "/admin/users",
      "/signin",
      "/api/auth/session",
      "/_next/static/chunks/main.js",
      "/humans.txt",
      "/commitmentsX",
      // Next normalises these before routing: they would reach the signed-in areas.
      "/agreements/../admin/users",
      "/commitments/../staff",
      "/commitments/%2e%2e/staff",
      "/commitments/%2E%2E/staff",
      "/api/v1/../../admin",
      "/api/v1/../auth/csrf",
      "/commitments/%2F..%2Fstaff",
      "/commitments/..%5Cstaff",
      "/agreements/x/./feed.xml",
      "/commitments//6",
      "/commitments\\..\\staff",
      "/commitments/%",
    ]) {
      expect(isPublicPath(p), p).toBe(false);
    }
  });

  it("keys on the URL and the headers a page can depend on, not on cookies or the browser", () => {
    const base = { host: "tracker.example", "accept-encoding": "gzip" };
    const key = cacheKey("/commitments?status=stalled", base);
    expect(cacheKey("/commitments?status=stalled", { ...base, cookie: "a=b", "user-agent": "x" })).toBe(key);
    expect(cacheKey("/commitments?status=delayed", base)).not.toBe(key);
    expect(cacheKey("/commitments?status=stalled", { ...base, "accept-encoding": "br" })).not.toBe(key);
    expect(cacheKey("/commitments?status=stalled", { ...base, rsc: "1" })).not.toBe(key);
    expect(cacheKey("/commitments?status=stalled", { ...base, host: "other.example" })).not.toBe(key);
    expect(cacheKey("/commitments?status=stalled", { ...base, "x-forwarded-proto": "https" })).not.toBe(key);
  });

  it("stores 200 and 404 only, never a cookie or a response that varies on another header", () => {
    const body = Buffer.from("x");
    const ok = storableResponse(
      200,
      { "Content-Type": "text/html", Date: "now", Connection: "keep-alive", "Content-Length": "1", "x-cache": "MISS" },
      body,
    );
    expect(ok).toEqual({
      status: 200,
      headers: { "content-type": "text/html", etag: computeEtag(body) },
      body,
    });
    expect(storableResponse(200, { etag: '"v1"' }, body)?.headers["etag"]).toBe('"v1"');
    expect(storableResponse(404, {}, body)?.status).toBe(404);
    for (const status of [201, 301, 307, 400, 500, 503])
      expect(storableResponse(status, {}, body), `${status}`).toBeNull();
    expect(storableResponse(200, { "set-cookie": ["a=b"] }, body)).toBeNull();
    expect(storableResponse(200, { vary: "Cookie" }, body)).toBeNull();
    expect(storableResponse(200, { vary: "*" }, body)).toBeNull();
    expect(storableResponse(200, { vary: "rsc, Next-Router-State-Tree, Accept-Encoding" }, body)).not.toBeNull();
  });
});

/** A server whose "app" counts its renders and streams `<p>render N of PATH</p>` in two chunks. */
async function startServer(options: ResponseCacheOptions & { stamp: () => string; respond?: UpstreamResponder }) {
  let renders = 0;
  const cache = new ResponseCache(options);
  const respond: UpstreamResponder =
    options.respond ??
    ((req, res, n) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.setHeader("vary", "rsc, Accept-Encoding");
      res.write("<p>render ");
      setTimeout(() => res.end(`${n} of ${req.url}</p>`), 5);
    });
  const server = http.createServer(
    withResponseCache(
      (req, res) => {
        renders += 1;
        respond(req, res, renders);
      },
      { cache, stamp: options.stamp },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    cache,
    renders: () => renders,
    /** A GET through node:http with exactly `headers` (fetch would add Cache-Control: no-cache to a conditional request). */
    raw: (p: string, headers: Record<string, string>) =>
      new Promise<{ status: number; cache: string | undefined; text: string; etag: string | undefined }>(
        (resolve, reject) => {
          http
            .get(base + p, { headers }, (response) => {
              let text = "";
              response.setEncoding("utf8");
              response.on("data", (chunk: string) => (text += chunk));
              response.on("end", () =>
                resolve({
                  status: response.statusCode ?? 0,
                  cache: response.headers["x-cache"] as string | undefined,
                  text,
                  etag: response.headers["etag"],
                }),
              );
            })
            .on("error", reject);
        },
      ),
    get: async (p: string, init?: RequestInit) => {
      const response = await fetch(base + p, init);
      return { status: response.status, cache: response.headers.get("x-cache"), text: await response.text(), response };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type UpstreamResponder = (req: http.IncomingMessage, res: http.ServerResponse, render: number) => void;

describe("the store", () => {
  it("refuses a size too small to hold a page", () => {
    expect(() => new ResponseCache({ maxBytes: 1000 })).toThrow("at least 64 KiB");
  });

  it("keeps within its budget however small the responses are", () => {
    const cache = new ResponseCache({ maxBytes: 1024 * 1024 });
    cache.advance("v1");
    const entry = (i: number) => ({
      status: 404,
      headers: { "content-type": "text/plain" },
      body: Buffer.from(`${i}`),
    });
    for (let i = 0; i < 20_000; i++) cache.set(`/badge/commitments/${i}.svg`, "v1", entry(i));
    // Each tiny entry is reckoned at about 1.1 KiB (body, key, headers and the objects around them),
    // and never more than 1000 entries are kept for a 1 MiB budget.
    expect(cache.size).toBeGreaterThan(800);
    expect(cache.size).toBeLessThanOrEqual(1000);
    expect(cache.get("/badge/commitments/19999.svg")).toBeDefined();
    expect(cache.get("/badge/commitments/0.svg")).toBeUndefined();
  });
});

describe("the cache in front of the app", () => {
  let stamp = "v1";
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeEach(async () => {
    stamp = "v1";
    server = await startServer({ stamp: () => stamp });
  });
  afterEach(() => server.close());

  it("answers a repeated GET from memory with the same status, headers and body", async () => {
    const first = await server.get("/commitments/6");
    expect(first).toMatchObject({ status: 200, cache: "MISS", text: "<p>render 1 of /commitments/6</p>" });
    const second = await server.get("/commitments/6");
    expect(second).toMatchObject({ status: 200, cache: "HIT", text: "<p>render 1 of /commitments/6</p>" });
    expect(second.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.response.headers.get("content-length")).toBe(String(first.text.length));
    expect(server.renders()).toBe(1);
    expect((await server.get("/commitments/7")).text).toBe("<p>render 2 of /commitments/7</p>");
  });

  it("renders again once the stamp changes (a write, or a new day), and forgets the old entries", async () => {
    await server.get("/commitments/6");
    await server.get("/commitments/7");
    expect(server.cache.size).toBe(2);
    stamp = "v2";
    expect(await server.get("/commitments/6")).toMatchObject({
      cache: "MISS",
      text: "<p>render 3 of /commitments/6</p>",
    });
    expect(server.cache.size).toBe(1);
    expect(await server.get("/commitments/6")).toMatchObject({
      cache: "HIT",
      text: "<p>render 3 of /commitments/6</p>",
    });
  });

  it("does not keep a page whose data changed while it was rendered", async () => {
    await server.close();
    server = await startServer({
      stamp: () => stamp,
      respond: (req, res, n) => {
        res.write("<p>");
        // The write lands while this page renders; a request seeing the new stamp arrives first.
        stamp = "v2";
        setTimeout(() => res.end(`render ${n}</p>`), 20);
      },
    });
    const during = server.get("/commitments/6");
    await new Promise((r) => setTimeout(r, 5));
    await server.get("/commitments/7");
    expect((await during).cache).toBe("MISS");
    const again = await server.get("/commitments/6");
    expect(again.cache).toBe("MISS");
    expect(server.renders()).toBe(3);
  });

  it("renders a page once for a burst of concurrent first requests", async () => {
    const burst = await Promise.all(Array.from({ length: 10 }, () => server.get("/commitments/6")));
    expect(server.renders()).toBe(1);
    expect(new Set(burst.map((r) => r.text))).toEqual(new Set(["<p>render 1 of /commitments/6</p>"]));
    expect(burst.filter((r) => r.cache === "MISS")).toHaveLength(1);
    expect(burst.filter((r) => r.cache === "HIT")).toHaveLength(9);
  });

  it("lets each waiting request render when the first one kept nothing", async () => {
    await server.close();
    server = await startServer({
      stamp: () => stamp,
      respond: (_req, res, n) => {
        res.statusCode = 503; // never stored
        setTimeout(() => res.end(`render ${n}`), 10);
      },
    });
    const burst = await Promise.all(Array.from({ length: 4 }, () => server.get("/commitments/6")));
    expect(burst.map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect(new Set(burst.map((r) => r.text)).size).toBe(4);
    expect(server.renders()).toBe(4);
  });

  it("serves a signed-in visitor from the cache but never stores what was rendered for one", async () => {
    const session = { cookie: "theme=dark; authjs.session-token=abc" };
    expect((await server.get("/commitments/6", { headers: session })).cache).toBe("MISS");
    expect((await server.get("/commitments/6")).cache).toBe("MISS");
    expect((await server.get("/commitments/6", { headers: session })).cache).toBe("HIT");
    for (const cookie of ["__Secure-authjs.session-token=x", "authjs.session-token.0=x; a=b"]) {
      expect((await server.get("/commitments/7", { headers: { cookie } })).cache, cookie).toBe("MISS");
    }
    expect((await server.get("/commitments/7")).cache).toBe("MISS");
    expect(server.renders()).toBe(5);
  });

  it("passes signed-in pages, writes and static files straight through", async () => {
    for (const p of ["/staff", "/admin/users", "/signin", "/humans.txt"]) {
      expect((await server.get(p)).cache, p).toBeNull();
      expect((await server.get(p)).cache, p).toBeNull();
    }
    const posted = await server.get("/commitments/6", { method: "POST", body: "x" });
    expect(posted.cache).toBeNull();
    expect(server.renders()).toBe(9);
  });

  it("answers a matching If-None-Match with 304 Not Modified", async () => {
    await server.raw("/feed.xml", {});
    const hit = await server.raw("/feed.xml", {});
    const etag = hit.etag;
    expect(hit.cache).toBe("HIT");
    expect(etag).toMatch(/^"[^"]+"$/);
    const unchanged = await server.raw("/feed.xml", { "if-none-match": etag ?? "" });
    expect(unchanged).toEqual({ status: 304, cache: "HIT", text: "", etag });
    const other = await server.raw("/feed.xml", { "if-none-match": '"something-else"' });
    expect(other).toMatchObject({ status: 200, text: "<p>render 1 of /feed.xml</p>" });
    // A client that asks for a fresh copy (Cache-Control: no-cache) gets the whole response.
    const forced = await server.raw("/feed.xml", { "if-none-match": etag ?? "", "cache-control": "no-cache" });
    expect(forced).toMatchObject({ status: 200, text: "<p>render 1 of /feed.xml</p>" });
    stamp = "v2";
    const afterWrite = await server.raw("/feed.xml", { "if-none-match": etag ?? "" });
    expect(afterWrite).toMatchObject({ status: 200, cache: "MISS", text: "<p>render 2 of /feed.xml</p>" });
  });

  it("serves HEAD from a stored GET, without a body", async () => {
    await server.get("/feed.xml");
    const head = await server.get("/feed.xml", { method: "HEAD" });
    expect(head).toMatchObject({ status: 200, cache: "HIT", text: "" });
    expect(head.response.headers.get("content-length")).toBe(String("<p>render 1 of /feed.xml</p>".length));
  });

  it("keeps separate copies per query string and per Accept-Encoding", async () => {
    await server.get("/commitments?status=stalled");
    expect((await server.get("/commitments?status=in_progress")).cache).toBe("MISS");
    expect((await server.get("/commitments?status=stalled")).cache).toBe("HIT");
    expect(
      (await server.get("/commitments?status=stalled", { headers: { "accept-encoding": "identity" } })).cache,
    ).toBe("MISS");
  });

  it("does not store errors, redirects, cookies or responses larger than the limit", async () => {
    await server.close();
    server = await startServer({
      stamp: () => stamp,
      maxBytes: 64 * 1024,
      maxEntryBytes: 100,
      respond: (req, res) => {
        if (req.url === "/commitments/500") res.statusCode = 500;
        if (req.url === "/commitments/301") res.writeHead(301, { location: "/" });
        if (req.url === "/commitments/cookie") res.setHeader("set-cookie", "a=b");
        res.end(req.url === "/commitments/large" ? "x".repeat(101) : "small");
      },
    });
    for (const p of ["/commitments/500", "/commitments/301", "/commitments/cookie", "/commitments/large"]) {
      await server.get(p, { redirect: "manual" });
      expect((await server.get(p, { redirect: "manual" })).cache, p).toBe("MISS");
    }
    await server.get("/commitments/ok");
    expect((await server.get("/commitments/ok")).cache).toBe("HIT");
  });

  it("keeps headers given to writeHead", async () => {
    await server.close();
    server = await startServer({
      stamp: () => stamp,
      respond: (_req, res) => {
        res.writeHead(200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=300" });
        res.end("<svg/>");
      },
    });
    await server.get("/badge/commitments/6.svg");
    const hit = await server.get("/badge/commitments/6.svg");
    expect(hit.cache).toBe("HIT");
    expect(hit.response.headers.get("content-type")).toBe("image/svg+xml");
    expect(hit.response.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("serves uncached when the stamp cannot be read", async () => {
    await server.close();
    server = await startServer({
      stamp: () => {
        throw new Error("database gone");
      },
    });
    expect((await server.get("/commitments/6")).cache).toBeNull();
    expect((await server.get("/commitments/6")).text).toBe("<p>render 2 of /commitments/6</p>");
  });
});

describe("public routes", () => {
  /** Every file that renders a cached path: they must not read a cookie or the session. */
  function sources(entry: string): string[] {
    const stat = fs.statSync(entry);
    if (stat.isFile()) return /\.(ts|tsx)$/.test(entry) ? [entry] : [];
    return fs.readdirSync(entry).flatMap((name) => sources(path.join(entry, name)));
  }

  it("read no cookie and no session, so one copy serves every visitor", () => {
    const files = [
      "app/(public)",
      "app/api/v1",
      "app/badge",
      "app/feed.xml",
      "app/commitments.csv",
      "app/sitemap.xml",
      "app/sitemap",
      "app/robots.ts",
      "app/layout.tsx",
      "app/not-found.tsx",
      "components",
      "db/public.ts",
    ].flatMap(sources);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from "(@\/auth|next-auth)[^"]*"|\bcookies\(|\bdraftMode\(/);
    }
  });
});

describe("the public revision", () => {
  let t: TempDb;
  beforeEach(() => {
    t = createTempDb();
  });
  afterEach(() => t.cleanup());

  it("changes when the app's connection commits a write, and not otherwise", async () => {
    const revision = openPublicRevision(t.file);
    try {
      const before = revision.read();
      t.db.$client.prepare("SELECT count(*) FROM commitments").get();
      expect(revision.read()).toBe(before);

      t.db.$client.prepare("UPDATE commitments SET title = title || ' (edited)' WHERE id = 1").run();
      const afterWrite = revision.read();
      expect(afterWrite).not.toBe(before);
      expect(revision.read()).toBe(afterWrite);
    } finally {
      revision.close();
    }
  });

  it("does not change for sign-ins, refused writes or user changes (audit rows and users only)", () => {
    const revision = openPublicRevision(t.file);
    try {
      const before = revision.read();
      t.db.$client
        .prepare("INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('access.denied', 'commitment', '1')")
        .run();
      t.db.$client
        .prepare("INSERT INTO users (email, role, password_hash) VALUES ('someone@example.org', 'editor', 'x')")
        .run();
      expect(revision.read()).toBe(before);
      t.db.$client.prepare("UPDATE evidence SET title = title || ' ' WHERE id = 1").run();
      expect(revision.read()).not.toBe(before);
    } finally {
      revision.close();
    }
  });

  it("changes when another process writes to the file", async () => {
    const revision = openPublicRevision(t.file);
    try {
      const before = revision.read();
      const { spawnSync } = await import("node:child_process");
      const script = `const D=require("better-sqlite3");const d=new D(${JSON.stringify(t.file)});d.prepare("UPDATE commitments SET title = title || '!' WHERE id = 2").run();d.close();`;
      const result = spawnSync(process.execPath, ["-e", script], { cwd: path.resolve("."), encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(revision.read()).not.toBe(before);
    } finally {
      revision.close();
    }
  });

  it("refuses a file that does not exist", () => {
    const missing = path.join(path.dirname(t.file), "missing.sqlite");
    expect(() => openPublicRevision(missing)).toThrow();
    expect(fs.existsSync(missing)).toBe(false);
  });
});
