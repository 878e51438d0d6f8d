/**
 * Issue 8's hostile-input defects, rule by rule: the cache key and the site origin read the same
 * values (defect 1), markup and `ref` (defect 2), CSV formulas (defect 3), control characters and
 * FTS5 syntax (defect 4), Auth.js and server-action refusals (defect 5). The running server is
 * tried with the same inputs in tests/e2e/06-hostile-input.spec.ts.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createCommitment, updateCommitment } from "@/db/mutations/commitments";
import { ftsMatch, searchCommitmentIds } from "@/db/queries/catalog";

import { loadCatalog } from "../support/catalog";
import * as schema from "@/db/schema";
import { formReplyProblem, replyProblem } from "@/lib/action-reply";
import { authRefusal, cookieValue, isValidCallbackUrl } from "@/lib/auth-request";
import { statusBadgeSvg } from "@/lib/badge";
import type { CatalogRow } from "@/lib/commitment-list";
import { listQuerySchema } from "@/lib/commitment-list";
import { commitmentsCsv, neutraliseFormula } from "@/lib/csv";
import { embedSnippet } from "@/lib/embed";
import { normaliseForwardedHeaders } from "@/lib/forwarded";
import {
  ACTION_BODY_LIMIT,
  actionBodyKind,
  actionBodyRefusal,
  crossSiteRefusal,
  hostRefusal,
  isPageAction,
  queryRefusal,
  refusalBody,
  stripInternalHeaders,
} from "@/lib/request-guard";
import { cacheKey, storableResponse } from "@/lib/response-cache";
import { parseHost, requestOrigin, siteOrigin } from "@/lib/site-origin";
import { REF_PATTERN } from "@/lib/validation/agreements";

import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

const TODAY = "2026-11-29";

function getter(headers: Record<string, string>) {
  return { get: (name: string) => headers[name] ?? null };
}

/** Headers as scripts/server.ts leaves them: forwarded ones judged, internal ones gone. */
function atTheDoor(headers: IncomingHttpHeaders, trustProxy: boolean): IncomingHttpHeaders {
  const req = { headers: { ...headers }, socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
  normaliseForwardedHeaders(req, trustProxy);
  stripInternalHeaders(req.headers);
  return req.headers;
}

describe("[DEFECT 1] the cache key and the site origin read the same values", () => {
  const previous = process.env.APP_URL;
  afterEach(() => {
    if (previous === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = previous;
  });

  it("parses a Host as a host name with an optional port, and nothing else", () => {
    expect(parseHost("Tracker.Example.org:8080")).toBe("tracker.example.org:8080");
    expect(parseHost("127.0.0.1:3000")).toBe("127.0.0.1:3000");
    expect(parseHost("[::1]:3000")).toBe("[::1]:3000");
    expect(parseHost("app_1")).toBe("app_1");
    for (const bad of [
      "",
      " ",
      "a.example, b.example",
      'evil"><script>',
      "a b",
      "a/b",
      "a.example:99999",
      "x".repeat(256),
    ])
      expect(parseHost(bad), bad).toBeNull();
  });

  it("takes the origin from X-Forwarded-Host and -Proto when present, else Host; APP_URL wins", () => {
    delete process.env.APP_URL;
    expect(requestOrigin(getter({ host: "a.example" }))).toBe("http://a.example");
    expect(
      requestOrigin(getter({ host: "a.example", "x-forwarded-host": "b.example", "x-forwarded-proto": "https" })),
    ).toBe("https://b.example");
    expect(requestOrigin(getter({ host: "bad host" }))).toBe("http://localhost:3000");
    process.env.APP_URL = "https://tracker.example.org/";
    expect(siteOrigin(getter({ host: "a.example", "x-forwarded-host": "b.example" }))).toBe(
      "https://tracker.example.org",
    );
  });

  it("an empty X-Forwarded-Host means the same as none, in the key and in the origin (the issue's request)", () => {
    delete process.env.APP_URL;
    const normal = atTheDoor({ host: "127.0.0.1:3101" }, true);
    const empty = atTheDoor({ host: "127.0.0.1:3101", "x-forwarded-host": "" }, true);
    const spaces = atTheDoor({ host: "127.0.0.1:3101", "x-forwarded-host": "  ", "x-forwarded-proto": "" }, true);
    const key = cacheKey("/commitments/2", normal);
    expect(cacheKey("/commitments/2", empty)).toBe(key);
    expect(cacheKey("/commitments/2", spaces)).toBe(key);
    expect(siteOrigin(getter(empty as Record<string, string>))).toBe("http://127.0.0.1:3101");
  });

  it("keys on the origin the page will carry: one entry per origin, never two origins in one entry", () => {
    delete process.env.APP_URL;
    const base = { host: "tracker.example", "accept-encoding": "gzip" };
    const key = cacheKey("/", base);
    expect(cacheKey("/", { ...base, host: "TRACKER.example" })).toBe(key);
    expect(cacheKey("/", { ...base, "x-forwarded-proto": "http" })).toBe(key);
    expect(cacheKey("/", { ...base, "x-forwarded-proto": "https" })).not.toBe(key);
    expect(cacheKey("/", { ...base, "x-forwarded-host": "other.example" })).not.toBe(key);
    // With APP_URL the request's host names nothing in the page, so every host shares the entry.
    process.env.APP_URL = "https://tracker.example.org";
    expect(cacheKey("/", { ...base, host: "a.example" })).toBe(cacheKey("/", { ...base, host: "b.example" }));
  });

  it("tells an absent header from an empty one for the headers Next reads itself", () => {
    const base = { host: "tracker.example" };
    for (const name of ["rsc", "next-router-prefetch", "next-router-state-tree", "next-url", "accept-encoding"]) {
      expect(cacheKey("/", { ...base, [name]: "" }), name).not.toBe(cacheKey("/", base));
    }
  });

  it("keys on Next's bot class of the User-Agent, not on the User-Agent itself", () => {
    const base = { host: "tracker.example" };
    const browser = cacheKey("/", { ...base, "user-agent": "Mozilla/5.0 Firefox/140" });
    expect(cacheKey("/", { ...base, "user-agent": "Mozilla/5.0 Chrome/141" })).toBe(browser);
    expect(cacheKey("/", { ...base, "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" })).not.toBe(browser);
  });

  it("removes Next's internal headers at the door (X-Middleware-Prefetch made every page an empty {})", () => {
    const headers = atTheDoor({ host: "a.example", "x-middleware-prefetch": "1", "x-nextjs-data": "1" }, true);
    expect(headers["x-middleware-prefetch"]).toBeUndefined();
    expect(headers["x-nextjs-data"]).toBeUndefined();
  });

  it("keeps the first entry of a listed X-Forwarded-Host or -Proto behind a proxy", () => {
    const headers = atTheDoor(
      { host: "a", "x-forwarded-host": "b.example, c.example", "x-forwarded-proto": "https,http" },
      true,
    );
    expect(headers["x-forwarded-host"]).toBe("b.example");
    expect(atTheDoor({ host: "A.Example", "x-forwarded-host": " Tracker.Example " }, true)).toMatchObject({
      host: "a.example",
      "x-forwarded-host": "tracker.example",
    });
    expect(headers["x-forwarded-proto"]).toBe("https");
  });

  it("refuses a Host or X-Forwarded-Host that is not a host name with 400", () => {
    expect(hostRefusal({ host: 'evil"><x' })).toMatchObject({ status: 400, message: expect.stringContaining("Host") });
    expect(hostRefusal({ host: "a.example", "x-forwarded-host": "a b" })).toMatchObject({ status: 400 });
    expect(hostRefusal({ host: "a.example:3000" })).toBeNull();
    expect(hostRefusal({})).toBeNull();
  });

  it("never stores Next's answer to a prefetch probe, and keys a subresource's request apart", () => {
    const body = Buffer.from("{}");
    expect(storableResponse(200, { "x-middleware-skip": "1", "cache-control": "private, no-store" }, body)).toBeNull();
    // Next marks every dynamic page like this; such pages are what the cache is for.
    expect(
      storableResponse(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" }, body),
    ).not.toBeNull();
    const base = { host: "tracker.example" };
    expect(cacheKey("/commitments/999", { ...base, "sec-fetch-dest": "image" })).not.toBe(
      cacheKey("/commitments/999", base),
    );
    expect(cacheKey("/commitments/999", { ...base, "sec-fetch-dest": "document" })).toBe(
      cacheKey("/commitments/999", base),
    );
  });
});

describe("[DEFECT 2] markup and the commitment number", () => {
  let t: TempDb;
  let admin: number;
  beforeEach(async () => {
    t = createTempDb();
    admin = await insertUser(t.db, "admin@example.org", "admin");
  });
  afterEach(() => t.cleanup());

  it("accepts paragraph numbers as statements write them", () => {
    for (const ref of ["12", "12(a)", "(a)", "3.2", "10.1", "II.3", "Annex I", "Art. 4", "§ 5", "12 bis", "제3조"])
      expect(REF_PATTERN.test(ref), ref).toBe(true);
    for (const ref of ['"onload=alert(1)//', "<b>", "a&b", "x=1", "'1'", "1;2", "`1`"])
      expect(REF_PATTERN.test(ref), ref).toBe(false);
  });

  it('refuses a ref of "onload=alert(1)// on create and on edit, naming ref', () => {
    const agreementId = t.db.select().from(schema.agreements).get()?.id ?? 0;
    const message = expect.stringContaining("The number (ref) may hold letters, digits");
    const created = createCommitment(t.db, admin, {
      agreementId,
      parentId: "",
      ref: '"onload=alert(1)//',
      title: "A pledge",
      theme: "Trade",
      parties: ["KR"],
    });
    expect(created).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { ref: [message] } });
    const row = t.db.select().from(schema.commitments).where(eq(schema.commitments.ref, "2")).get();
    if (!row) throw new Error("commitment 2 missing");
    const edited = updateCommitment(
      t.db,
      admin,
      {
        commitmentId: row.id,
        version: row.version,
        parentId: "",
        ref: '"onload=alert(1)//',
        title: row.title,
        theme: row.theme,
        parties: ["KR"],
      },
      TODAY,
    );
    expect(edited).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { ref: [message] } });
    expect(t.db.select().from(schema.commitments).where(eq(schema.commitments.id, row.id)).get()?.ref).toBe("2");
  });

  it("escapes every value of the embed snippet", () => {
    const snippet = embedSnippet("http://127.0.0.1:3101", 2, '"onload=alert(1)//', "In progress");
    expect(snippet).toBe(
      '<a href="http://127.0.0.1:3101/commitments/2"><img src="http://127.0.0.1:3101/badge/commitments/2.svg" alt="Commitment &quot;onload=alert(1)//: In progress" height="20"></a>',
    );
  });

  it("escapes the badge's text", () => {
    const svg = statusBadgeSvg('Commitment "x"<script>&', "fulfilled");
    expect(svg).toContain("Commitment &quot;x&quot;&lt;script&gt;&amp;");
    expect(svg).not.toContain("<script>");
  });
});

describe("[DEFECT 3] CSV formula injection (OWASP CSV Injection)", () => {
  let t: TempDb;
  beforeEach(() => {
    t = createTempDb();
  });
  afterEach(() => t.cleanup());

  it("puts a quote before a cell starting with = + - @ tab or CR, and nowhere else", () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example","click")')).toBe(
      `'=HYPERLINK("http://evil.example","click")`,
    );
    expect(neutraliseFormula("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    for (const text of ["-1+1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ["Trade", "2025-12-31", "a=b", " =1", ""]) expect(neutraliseFormula(text)).toBe(text);
  });

  it("writes such a title and owner as text, keeps RFC 4180 quoting, and leaves numbers as numbers", () => {
    const [first] = loadCatalog(t.db);
    const row: CatalogRow = {
      ...(first as CatalogRow),
      title: '=HYPERLINK("http://evil.example","click")',
      owner: "+cmd|' /C calc'!A0",
      progress: 40,
    };
    const lines = commitmentsCsv([row], TODAY, "https://tracker.example").slice(1).split("\r\n");
    const cells = lines[1] ?? "";
    expect(cells).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(cells).toContain(",'+cmd|' /C calc'!A0,");
    expect(cells.startsWith(`${row.id},`)).toBe(true);
    // progress is the number 40, not the text "'40"
    expect(cells).toContain(",Fulfilled,40,");
    expect(cells).not.toMatch(/,[=+\-@]/);
  });
});

describe("[DEFECT 4] control characters and FTS5 syntax in parameters", () => {
  let t: TempDb;
  beforeEach(() => {
    t = createTempDb();
  });
  afterEach(() => t.cleanup());

  it("refuses a control character in any parameter at the door with 400 naming it", () => {
    expect(queryRefusal("/api/v1/commitments?q=a%00b")).toMatchObject({ status: 400, field: "q" });
    expect(queryRefusal("/commitments?status=fulfilled&theme=x%1Fy")).toMatchObject({ field: "theme" });
    expect(queryRefusal("/compare?from=%7F")).toMatchObject({ field: "from" });
    expect(queryRefusal("/commitments?%00=1")).toMatchObject({ status: 400, field: "query" });
    expect(queryRefusal("/commitments?q=CO%E2%82%82+caf%C3%A9&page=2")).toBeNull();
    expect(queryRefusal("/commitments?q=%zz")).toBeNull();
    const { type, body } = refusalBody(
      { status: 400, message: "Bad query parameter: q", field: "q" },
      "/api/v1/commitments",
    );
    expect(type).toMatch(/^application\/json/);
    expect(JSON.parse(body)).toEqual({
      error: { message: "Bad query parameter: q", fields: { q: ["Bad query parameter: q"] } },
    });
  });

  it("the list's schema names the parameter too (for a bare next start)", () => {
    const parsed = listQuerySchema(TODAY).safeParse({ q: "a\u0000b", owner: "x\u0001" });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["q", "owner"]));
  });

  it("searches FTS5 syntax and NUL bytes as text, never as a query", () => {
    const defence = searchCommitmentIds(t.db, "defence");
    expect(defence.size).toBeGreaterThan(0);
    expect(searchCommitmentIds(t.db, "defence\u0000")).toEqual(defence);
    for (const q of [
      '"',
      '""',
      "a\u0000b",
      "NEAR(a b)",
      "title:defence",
      "^defence",
      "defence*",
      "AND",
      "OR NOT",
      "{a b}",
      ".",
      "-",
      "a OR",
      '"unterminated',
      "*",
      "co2 ₂",
    ]) {
      expect(() => searchCommitmentIds(t.db, q), q).not.toThrow();
    }
    expect(searchCommitmentIds(t.db, "defence OR").size).toBe(0);
  });

  it("ignores a word of punctuation or symbols only, which the tokenizer reads as no word (an en dash, …, €)", () => {
    const defence = searchCommitmentIds(t.db, "defence");
    expect(defence.size).toBeGreaterThan(0);
    for (const q of ["defence –", "– defence", "defence … ,", "defence € §", "defence —"])
      expect(searchCommitmentIds(t.db, q), q).toEqual(defence);
    expect(ftsMatch("Korea – Malaysia")).toBe(ftsMatch("Korea Malaysia"));
  });
});

describe("[DEFECT 5] Auth.js and server-action refusals", () => {
  const site = new URL("http://127.0.0.1:3101/api/auth/signin");

  it("uses Auth.js's callback-URL rule", () => {
    expect(isValidCallbackUrl("/staff", site.origin)).toBe(true);
    expect(isValidCallbackUrl("https://tracker.example/staff", site.origin)).toBe(true);
    for (const bad of ["foo", "javascript:alert(1)", "\\\\evil.example", "//", "data:text/html,x"])
      expect(isValidCallbackUrl(bad, site.origin), bad).toBe(false);
  });

  it("refuses a bad callbackUrl or callback cookie with 400, and answers the error page itself", () => {
    for (const bad of ["foo", "javascript:alert(1)", "\\\\evil.example"]) {
      const url = new URL(site);
      url.searchParams.set("callbackUrl", bad);
      expect(authRefusal(url, null), bad).toMatchObject({ status: 400 });
    }
    expect(authRefusal(new URL("/api/auth/signin?callbackUrl=%2Fstaff", site), null)).toBeNull();
    expect(authRefusal(new URL("/api/auth/session", site), "authjs.callback-url=foo")).toMatchObject({
      status: 400,
      clearCookies: ["authjs.callback-url"],
    });
    expect(
      authRefusal(new URL("/api/auth/session", site), "authjs.callback-url=http%3A%2F%2F127.0.0.1%3A3101"),
    ).toBeNull();
    expect(authRefusal(new URL("/api/auth/error?error=Configuration", site), null)).toMatchObject({ status: 400 });
    expect(authRefusal(new URL("/api/auth/error?error=AccessDenied", site), null)).toMatchObject({ status: 403 });
    expect(cookieValue('a=1; authjs.callback-url="%2Fstaff"', "authjs.callback-url")).toBe("/staff");
  });

  it("treats every POST to a page as a possible server action, and leaves route handlers alone", () => {
    expect(isPageAction("POST", "/signin")).toBe(true);
    expect(isPageAction("POST", "/staff/commitments/2")).toBe(true);
    expect(isPageAction("GET", "/signin")).toBe(false);
    // The import's pages are pages; only its upload (5 MB, over the actions' limit) is a route.
    expect(isPageAction("POST", "/admin/agreements/4/import")).toBe(true);
    expect(isPageAction("POST", "/admin/agreements/4/import/upload/x")).toBe(true);
    for (const p of [
      "/admin/agreements/4/import/upload",
      "/api/auth/callback/credentials",
      "/api/v1/commitments",
      "/feed.xml",
      "/commitments.csv",
      "/badge/commitments/2.svg",
    ])
      expect(isPageAction("POST", p), p).toBe(false);
  });

  it("refuses a cross-site, null or malformed Origin with 403, as Next's own check would refuse it", () => {
    const host = { host: "127.0.0.1:3101" };
    expect(crossSiteRefusal({ ...host, origin: "http://127.0.0.1:3101" })).toBeNull();
    expect(crossSiteRefusal(host)).toBeNull();
    for (const origin of ["http://evil.example", "null", "garbage", "http://127.0.0.1:3102"])
      expect(crossSiteRefusal({ ...host, origin }), origin).toMatchObject({ status: 403 });
    // Behind a trusted proxy the public host is X-Forwarded-Host; without one the door removed it.
    const proxied = { ...host, "x-forwarded-host": "tracker.example", origin: "https://tracker.example" };
    expect(crossSiteRefusal(proxied)).toBeNull();
    const forged = atTheDoor({ ...host, "x-forwarded-host": "evil.example", origin: "http://evil.example" }, false);
    expect(crossSiteRefusal(forged)).toMatchObject({ status: 403 });
  });

  it("says which bodies Next decodes, and refuses the others before Next fails on them", async () => {
    const fetchText = { "next-action": "abc", "content-type": "text/plain;charset=UTF-8" };
    const fetchForm = { "next-action": "abc", "content-type": "multipart/form-data; boundary=x" };
    expect(actionBodyKind({ "next-action": "abc", "content-type": "text/plain;charset=UTF-8" })).toBe("json");
    expect(actionBodyKind({ "next-action": "abc", "content-type": "multipart/form-data; boundary=x" })).toBe("form");
    expect(actionBodyKind({ "content-type": "multipart/form-data; boundary=x" })).toBe("form");
    expect(actionBodyKind({ "content-type": "application/x-www-form-urlencoded" })).toBeNull();
    expect(actionBodyKind({ "next-action": "abc" })).toMatchObject({ status: 415 });
    expect(actionBodyKind({ "next-action": "abc", "content-type": "application/json" })).toMatchObject({ status: 415 });
    expect(
      actionBodyKind({
        "next-action": "abc",
        "content-type": "text/plain",
        "content-length": String(ACTION_BODY_LIMIT + 1),
      }),
    ).toMatchObject({ status: 413 });
    expect(await actionBodyRefusal("json", fetchText, Buffer.from("[1]"))).toBeNull();
    expect(await actionBodyRefusal("json", fetchText, Buffer.from("{"))).toMatchObject({ status: 400 });
    expect(await actionBodyRefusal("json", fetchText, Buffer.alloc(0))).toMatchObject({ status: 400 });
    const part = (name: string, value: string) =>
      `--x\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const form = `${part("0", '[{"attempt":0},"$K1"]')}${part("1_email", "a@b.c")}--x--\r\n`;
    expect(await actionBodyRefusal("form", fetchForm, Buffer.from(form))).toBeNull();
    expect(await actionBodyRefusal("form", fetchForm, Buffer.from("garbage"))).toMatchObject({
      status: 400,
    });
  });

  it("accepts the replies the app's forms send and refuses pointers React's decoder would fail on", () => {
    const text = (body: string) => replyProblem(new Map([["0", body]]));
    // A form's previous state and its fields ($K1: the fields named 1_…), as useActionState sends them.
    expect(text('[{"attempt":0,"error":null,"values":{}},"$K1"]')).toBeNull();
    expect(text('["$$dollar","$undefined","$D2025-01-01T00:00:00.000Z","$n12","$NaN","$-0","$Infinity"]')).toBeNull();
    for (const body of ['"$1"', '["$@2"]', '["$Q1"]', '["$h1"]', '["$B1"]', '["$nabc"]', '["$"]', '["$zz"]'])
      expect(text(body), body).not.toBeNull();
    expect(text("[".repeat(100) + "]".repeat(100))).toBe("too deeply nested");
    const rows = new Map([
      ["0", '["$@1","$Q2","$3:a"]'],
      ["1", '"x"'],
      ["2", "[[1,2]]"],
      ["3", '{"a":{"b":1}}'],
    ]);
    expect(replyProblem(rows)).toBeNull();
    expect(replyProblem(new Map([...rows, ["2", "5"]]))).toMatch(/not a list/);
    // A form sent without JavaScript: $ACTION_REF_1 with its record in $ACTION_1:0.
    const mpa = new Map([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"60abc","bound":"$@1"}'],
      ["$ACTION_1:1", '[{"error":null,"email":""}]'],
      ["email", "a@b.c"],
    ]);
    expect(formReplyProblem(mpa, false)).toBeNull();
    expect(formReplyProblem(new Map([...mpa, ["$ACTION_1:1", '["$Q9"]']]), false)).toMatch(/missing/);
    expect(formReplyProblem(new Map([...mpa, ["$ACTION_1:0", "{bad"]]), false)).toMatch(/not JSON/);
    expect(formReplyProblem(new Map([["$ACTION_ID_60abc", ""]]), false)).toBeNull();
  });
});
