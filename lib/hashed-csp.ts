/**
 * The server layer that gives every HTML page without a nonce policy a hash policy (lib/csp.ts):
 * scripts/server.ts puts it between the response cache and Next's handler, so a cached page keeps
 * the policy computed once for its bytes and a hit costs nothing more.
 *
 * Such a response is held until Next has finished it (it is not streamed), decompressed when Next
 * compressed it, searched for its inline scripts (lib/inline-script-hashes.ts), and sent with
 * `Content-Security-Policy: … script-src 'self' 'sha256-…'`. Other responses (a nonce page, JSON,
 * feeds, assets, HEAD) pass straight through.
 *
 * It also removes `Content-Security-Policy` request headers a client sent: Next takes its script
 * nonce from that request header, so a client could otherwise make a public page render with a
 * nonce of its choosing (and have it cached). proxy.ts sets the header itself for nonce pages.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import zlib from "node:zlib";

import { contentSecurityPolicy } from "./csp";
import { inlineScriptHashes } from "./inline-script-hashes";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

const CSP = "content-security-policy";

function decode(body: Buffer, encoding: string): Buffer | null {
  switch (encoding.trim().toLowerCase()) {
    case "":
    case "identity":
      return body;
    case "gzip":
      return zlib.gunzipSync(body);
    case "deflate":
      return zlib.inflateSync(body);
    case "br":
      return zlib.brotliDecompressSync(body);
    default:
      return null;
  }
}

/**
 * The hash policy for a finished HTML body, or the policy without inline scripts when the body
 * cannot be read. `onRefused` hears of inline scripts that were not recognised (they will not run).
 */
export function policyForHtml(body: Buffer, contentEncoding: string, onRefused?: (scripts: string[]) => void): string {
  let html: string;
  try {
    const decoded = decode(body, contentEncoding);
    if (!decoded) return contentSecurityPolicy();
    html = decoded.toString("utf8");
  } catch {
    return contentSecurityPolicy();
  }
  const { hashes, refused } = inlineScriptHashes(html);
  if (refused.length && onRefused) onRefused(refused);
  return contentSecurityPolicy(hashes);
}

function headerValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** Wrap `handle` as the module comment says. */
export function withHashedCsp(handle: Handler, options: { onRefused?: (scripts: string[]) => void } = {}): Handler {
  return (req, res) => {
    delete req.headers[CSP];
    delete req.headers[`${CSP}-report-only`];
    if (req.method !== "GET" && req.method !== "POST") return handle(req, res);

    // Our wrappers stay in place to the end, forwarding once the response is judged: Next's
    // compression wraps them in turn, and putting the originals back would cut it out.
    const writeHead = res.writeHead;
    const write = res.write;
    const end = res.end;
    const flushHeaders = res.flushHeaders;
    let mode: "undecided" | "pass" | "hold" = "undecided";
    let heldHead: unknown[] | null = null;
    const chunks: Buffer[] = [];

    /** Judge the response by its headers once they are known (at writeHead or the first write). */
    const decide = (headArgs?: unknown[]) => {
      if (mode !== "undecided") return;
      const extra = headArgs?.find((arg, i) => i > 0 && typeof arg === "object" && arg !== null && !Array.isArray(arg));
      const get = (name: string) =>
        headerValue(
          (extra as OutgoingHttpHeaders | undefined)?.[name] ??
            Object.entries((extra as OutgoingHttpHeaders | undefined) ?? {}).find(
              ([k]) => k.toLowerCase() === name,
            )?.[1] ??
            res.getHeader(name),
        );
      const html = get("content-type").toLowerCase().startsWith("text/html");
      mode = html && !get(CSP).includes("'nonce-") ? "hold" : "pass";
    };
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array),
      );
    };

    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      decide(args);
      if (mode === "pass") return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
      heldHead = args;
      return this;
    } as typeof res.writeHead;
    res.flushHeaders = function (this: ServerResponse) {
      decide();
      if (mode === "pass") flushHeaders.call(this);
    };
    res.write = function (this: ServerResponse, ...args: unknown[]) {
      decide();
      if (mode === "pass") return (write as (...a: unknown[]) => boolean).apply(this, args);
      keep(args[0], args[1]);
      const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    } as typeof res.write;
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      decide();
      if (mode === "pass") return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      keep(args[0], args[1]);
      const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
      const body = Buffer.concat(chunks);
      const policy = policyForHtml(body, headerValue(res.getHeader("content-encoding")), options.onRefused);
      let head = heldHead ?? [res.statusCode];
      // A header object given to writeHead wins over setHeader: put the policy there too.
      head = head.map((arg, i) => {
        if (i === 0 || typeof arg !== "object" || arg === null || Array.isArray(arg)) return arg;
        const copy: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(arg as OutgoingHttpHeaders)) {
          if (name.toLowerCase() !== CSP) copy[name] = value;
        }
        return copy;
      });
      res.setHeader(CSP, policy);
      if (!res.headersSent && res.getHeader("transfer-encoding") === undefined)
        res.setHeader("content-length", body.length);
      (writeHead as (...a: unknown[]) => ServerResponse).apply(res, head);
      return (end as (...a: unknown[]) => ServerResponse).call(res, body, callback);
    } as typeof res.end;

    return handle(req, res);
  };
}
