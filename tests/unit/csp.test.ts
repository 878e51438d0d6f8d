/** Content-Security-Policy: the policies, the inline-script hashes, and the server layer that sets them. */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";

// Next's own compression middleware, as its server runs it in front of every response (untyped).
// @ts-expect-error no declaration file
import compressionModule from "next/dist/compiled/compression";
import { afterEach, describe, expect, it } from "vitest";

import { contentSecurityPolicy, isNoncePath, newNonce, noncePolicy } from "@/lib/csp";
import { withHashedCsp } from "@/lib/hashed-csp";
import { inlineScriptHashes, isNextDataScript } from "@/lib/inline-script-hashes";

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const compression = compressionModule as () => Middleware;

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const scriptSrc = (policy: string) => policy.split("; ").find((d) => d.startsWith("script-src "));

const FLIGHT = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[9,[],\\"\\"]\\n"])';
const BOOT = "(self.__next_f=self.__next_f||[]).push([0])";
const TURBOPACK = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["a.js"]});';
const PAGE = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script>
<script id="_R_">${TURBOPACK}</script></head><body><p>Hello</p><script>${BOOT}</script><script>${FLIGHT}</script>
<script type="application/ld+json">{"@type":"Thing"}</script></body></html>`;

describe("policies", () => {
  it("public and other responses: 'self' plus hashes, never 'unsafe-inline' outside development", () => {
    expect(scriptSrc(contentSecurityPolicy())).toBe("script-src 'self'");
    expect(scriptSrc(contentSecurityPolicy(["'sha256-abc='"]))).toBe("script-src 'self' 'sha256-abc='");
    expect(scriptSrc(contentSecurityPolicy([], { dev: true }))).toBe("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy()).toContain("object-src 'none'");
  });

  it("signed-in pages: a nonce of 128 random bits, new each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    const nonce = newNonce();
    expect(scriptSrc(noncePolicy(nonce))).toBe(`script-src 'self' 'nonce-${nonce}'`);
    expect(scriptSrc(noncePolicy(nonce, { dev: true }))).toBe(`script-src 'self' 'nonce-${nonce}' 'unsafe-eval'`);
  });

  it("nonce paths are the staff, admin and sign-in areas only", () => {
    for (const path of ["/staff", "/staff/commitments/3", "/admin", "/admin/users", "/signin"]) {
      expect(isNoncePath(path), path).toBe(true);
    }
    for (const path of ["/", "/commitments", "/staffing", "/api/auth/signin", "/signin-help"]) {
      expect(isNoncePath(path), path).toBe(false);
    }
  });
});

describe("inline script hashes", () => {
  it("hashes Next's own inline scripts, in page order, and skips external scripts and data blocks", () => {
    expect(inlineScriptHashes(PAGE)).toEqual({ hashes: [sha(TURBOPACK), sha(BOOT), sha(FLIGHT)], refused: [] });
  });

  it("refuses any other inline script, so injected markup still cannot run", () => {
    const injected = [
      "alert(1)",
      'self.__next_f.push([1,"x"]);alert(1)',
      'self.__next_f.push([1,"x"]) || alert(1)',
      "self.__next_f.push(alert(1))",
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(fetch("//evil.example"));',
    ];
    for (const text of injected) expect(isNextDataScript(text), text).toBe(false);
    const page = PAGE.replace("<p>Hello</p>", injected.map((t) => `<script>${t}</script>`).join(""));
    const result = inlineScriptHashes(page);
    expect(result.hashes).toEqual([sha(TURBOPACK), sha(BOOT), sha(FLIGHT)]);
    expect(result.refused).toEqual(injected.map((t) => t.slice(0, 60)));
  });

  it("hashes the text as the browser sees it: CR LF becomes LF, repeats count once", () => {
    const text = 'self.__next_f.push([1,"a"])';
    const crlf = `<script>self.__next_f.push(\r\n[1,"a"])</script><script>${text}</script><script>${text}</script>`;
    expect(inlineScriptHashes(crlf).hashes).toEqual([sha('self.__next_f.push(\n[1,"a"])'), sha(text)]);
  });
});

describe("the server layer", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** Serve `handler` behind Next's compression and our layer; GET `path` with `headers`. */
  async function fetchThrough(
    handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
    headers: Record<string, string> = {},
  ) {
    const seen: http.IncomingHttpHeaders[] = [];
    const compress = compression();
    const app = withHashedCsp((req, res) => {
      seen.push({ ...req.headers });
      compress(req, res, () => handler(req, res));
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get({ port, host: "127.0.0.1", path: "/", headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
    return { ...response, seen };
  }

  const htmlHandler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Security-Policy", contentSecurityPolicy());
    // Streamed in pieces, as Next does, with the header flushed first.
    res.flushHeaders();
    const half = Math.floor(PAGE.length / 2);
    res.write(PAGE.slice(0, half));
    setTimeout(() => res.end(PAGE.slice(half)), 5);
  };

  it("gives an HTML page, compressed or not, the hashes of its inline scripts", async () => {
    for (const encoding of ["gzip", "identity"]) {
      const { headers, body } = await fetchThrough(htmlHandler, { "accept-encoding": encoding });
      const text = (headers["content-encoding"] === "gzip" ? zlib.gunzipSync(body) : body).toString("utf8");
      expect(headers["content-encoding"] ?? "identity", encoding).toBe(encoding);
      expect(text).toBe(PAGE);
      expect(Number(headers["content-length"])).toBe(body.length);
      expect(scriptSrc(String(headers["content-security-policy"]))).toBe(
        `script-src 'self' ${sha(TURBOPACK)} ${sha(BOOT)} ${sha(FLIGHT)}`,
      );
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it("passes other responses through untouched, compressed ones included", async () => {
    const script = "console.log('x');\n".repeat(2000);
    const { headers, body } = await fetchThrough(
      (_req, res) => {
        res.setHeader("Content-Type", "application/javascript");
        res.setHeader("Content-Length", Buffer.byteLength(script));
        res.write(script.slice(0, 1000));
        res.end(script.slice(1000));
      },
      { "accept-encoding": "gzip" },
    );
    expect(headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(body).toString("utf8")).toBe(script);
    expect(headers["content-security-policy"]).toBeUndefined();
  });

  it("leaves a nonce page's policy alone", async () => {
    const policy = noncePolicy(newNonce());
    const { headers, body } = await fetchThrough((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.setHeader("Content-Security-Policy", policy);
      res.end(PAGE);
    });
    expect(headers["content-security-policy"]).toBe(policy);
    expect(body.toString("utf8")).toBe(PAGE);
  });

  it("removes a Content-Security-Policy request header, so a client cannot choose the nonce Next renders with", async () => {
    const { seen } = await fetchThrough(htmlHandler, {
      "content-security-policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='",
      "content-security-policy-report-only": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='",
    });
    expect(seen[0]?.["content-security-policy"]).toBeUndefined();
    expect(seen[0]?.["content-security-policy-report-only"]).toBeUndefined();
  });
});
