/**
 * The production HTTP server: Next's request handler (a custom server, nextjs.org/docs/app/guides/custom-server)
 * behind the public pages' response cache (lib/response-cache.ts), with the hash-based
 * Content-Security-Policy of public HTML pages computed between the two (lib/hashed-csp.ts).
 *
 * Started by scripts/lib/serve.ts (`npm start`, the e2e server, `npm run bench`) after the build
 * and the database are ready. Usage: `node --import tsx scripts/server.ts --port 3000 [--hostname 127.0.0.1]`.
 * Env: DATABASE_URL (the prepared database), AUTH_SECRET, NODE_ENV=production, RESPONSE_CACHE_MB
 * (size of the cache in MiB, default 64; 0 turns it off), TRUST_PROXY and
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (else the key kept beside the database). Public responses carry a
 * Cache-Control a shared cache honours, signed-in ones `private, no-store` (lib/shared-cache.ts).
 *
 * At the door, before the cache or Next sees a request: forwarded headers are judged
 * (lib/forwarded.ts), Next's internal headers removed, and a bad Host, a control character in the
 * query, a cross-site page POST or a server-action body Next could not decode is refused with a 4xx
 * (lib/request-guard.ts).
 */
import http, { IncomingMessage } from "node:http";
import { parseArgs } from "node:util";

import next from "next";

import { resolveServerActionKey } from "../auth/config-check";
import { openPublicRevision } from "../db/public-revision";
import { registerCacheState } from "../lib/cache-state";
import { databasePath, readEnv } from "../lib/env";
import { normaliseForwardedHeaders } from "../lib/forwarded";
import { withHashedCsp } from "../lib/hashed-csp";
import {
  ACTION_BODY_LIMIT,
  actionBodyKind,
  actionBodyRefusal,
  crossSiteRefusal,
  hostRefusal,
  isPageAction,
  queryRefusal,
  type Refusal,
  refusalBody,
  stripInternalHeaders,
  tooLarge,
} from "../lib/request-guard";
import { ResponseCache, withResponseCache } from "../lib/response-cache";
import { withSharedCacheHeaders } from "../lib/shared-cache";
import { appToday } from "../lib/today";
import { registerRunningServer } from "./lib/build";
import { idleCollector } from "./lib/idle-gc";

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.hostname;
  const { RESPONSE_CACHE_MB: megabytes, TRUST_PROXY: trustProxy } = readEnv();

  // One server-action key for every process on this database (auth/config-check.ts), and a record
  // that this process runs from .next, so no rebuild replaces it underneath (scripts/lib/build.ts).
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = resolveServerActionKey(process.env, databasePath());
  registerRunningServer();

  // tsx turns on source maps for this process; left on, Node would also read and keep the maps of
  // every chunk of the build Next loads from here (27 MB of .map files): 33 MiB of the heap's 78 at
  // 50,000 commitments, and a full garbage collection every few page renders under the heap limit
  // (issue 9; decision 010 "Source maps"). Our own modules, loaded above, keep theirs; Next's
  // chunks report their stack traces as `next start` does, unmapped.
  process.setSourceMapsEnabled(false);
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const render = (req: http.IncomingMessage, res: http.ServerResponse) =>
    nextHandler(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  // Public pages get a policy with their inline scripts' hashes, computed before the cache keeps them.
  const refusedSeen = new Set<string>();
  const handle = withHashedCsp(render, {
    onRefused: (scripts) => {
      for (const script of scripts) {
        if (refusedSeen.has(script) || refusedSeen.size > 100) continue;
        refusedSeen.add(script);
        console.warn(`Content-Security-Policy: an inline script not written by Next is not hashed: ${script}…`);
      }
    },
  });

  let listener: (req: http.IncomingMessage, res: http.ServerResponse) => unknown = handle;
  let closeRevision = () => {};
  registerCacheState(() => ({ enabled: false, entries: 0, bytes: 0, maxBytes: 0 }));
  if (megabytes > 0) {
    const revision = openPublicRevision(databasePath());
    closeRevision = () => revision.close();
    const maxBytes = Math.round(megabytes * 1024 * 1024);
    const cache = new ResponseCache({ maxBytes });
    // GET /healthz reports it (lib/cache-state.ts).
    registerCacheState(() => ({ enabled: true, entries: cache.size, bytes: cache.bytes, maxBytes }));
    listener = withResponseCache(handle, {
      cache,
      // Pages say "overdue" and "12 days ago": a new calendar day makes them stale like a write does.
      stamp: () => `${revision.read()} ${appToday()}`,
      onError: (error) => console.error("Response cache: cannot read the public revision;", error),
    });
  }

  // Cache-Control for a CDN or reverse proxy in front: public responses shareable for a short
  // while, signed-in ones private (lib/shared-cache.ts). Outside the response cache, so its hits
  // and 304s carry it too.
  listener = withSharedCacheHeaders(listener);

  // Collect garbage between requests rather than in the middle of one (scripts/lib/idle-gc.ts).
  const collector = idleCollector();
  const server = http.createServer((req, res) => {
    collector.track(res);
    normaliseForwardedHeaders(req, trustProxy);
    stripInternalHeaders(req.headers);
    const url = req.url ?? "/";
    const pathname = url.split("?")[0] ?? "/";
    const refusal = hostRefusal(req.headers) ?? queryRefusal(url);
    if (refusal) return refuse(req, res, refusal, pathname);
    if (isPageAction(req.method, pathname)) return guardPagePost(req, res, pathname, listener);
    return listener(req, res);
  });
  server.on("clientError", answerClientError);
  // Without a listener, a failed listen is an uncaught exception that Next logs and then waits for ever.
  server.once("error", (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === "EADDRINUSE"
        ? `port ${port} is already in use (another server is running there: stop it, or set PORT)`
        : error.code === "EACCES"
          ? `port ${port} needs more privileges than this user has (use a port from 1024)`
          : error.message;
    console.error(`The server could not start: ${reason}.`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    const cache = megabytes > 0 ? `response cache ${megabytes} MiB` : "response cache off";
    console.log(`Serving on http://${hostname ?? "localhost"}:${port} (${cache})`);
  });

  const stop = () => {
    server.close(() => {
      closeRevision();
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Started by scripts/lib/serve.ts: stop when that process goes away, even if it was killed
  // outright (so a killed `npm start` never leaves an orphaned server on the port).
  if (process.send) process.once("disconnect", stop);
}

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** Answer `refusal` as a small plain page (lib/request-guard.ts), never cached. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, refusal: Refusal, pathname: string): void {
  const { type, body } = refusalBody(refusal, pathname);
  res.statusCode = refusal.status;
  res.setHeader("content-type", type);
  res.setHeader("cache-control", "no-store");
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  const answer = () => {
    res.end(req.method === "HEAD" ? undefined : body);
  };
  if (req.complete) return answer();
  // Answer once the body has been read: a server that answers and closes while the client is still
  // sending resets the connection, and the client loses the answer (seen as EPIPE in the fuzz run).
  drainThenForget(req);
  if (req.readableEnded) answer();
  else req.once("end", answer);
}

const CLIENT_ERRORS: Record<string, [string, string]> = {
  HPE_HEADER_OVERFLOW: ["431 Request Header Fields Too Large", "The address or the headers are too long."],
  ERR_HTTP_REQUEST_TIMEOUT: ["408 Request Timeout", "The request took too long to arrive."],
  HPE_HEADER_TIMEOUT: ["408 Request Timeout", "The request took too long to arrive."],
};
const answered = new WeakSet<object>();

/**
 * A request Node's HTTP parser refused (headers too long, malformed): answer it as Node would
 * (431, 408 or 400), but keep reading what the client is still sending for a moment, so it receives
 * the answer instead of a reset (Node's own handler closes the connection at once).
 */
function answerClientError(error: NodeJS.ErrnoException, socket: import("node:stream").Duplex): void {
  if (answered.has(socket) || !socket.writable) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  const [status, message] = CLIENT_ERRORS[error.code ?? ""] ?? ["400 Bad Request", "The request is malformed."];
  // No body: the method may not have been read, and a HEAD request's answer must have none. The
  // reason phrase and X-Refused say what went wrong.
  const body = "";
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nX-Refused: ${message}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
  );
  socket.on("data", () => {});
  socket.resume();
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
}

/** A refused request's body is read and dropped this long at most, before its connection is cut. */
const DRAIN_MS = 10_000;
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Read and drop the rest of a refused request's body, so the client, still sending, receives the
 * answer (closing a connection with unread data resets it, and the answer is lost: the lingering
 * close of RFC 9112 §9.6). A body longer than {@link DRAIN_BYTES} or slower than {@link DRAIN_MS}
 * has its connection cut.
 */
function drainThenForget(req: http.IncomingMessage): void {
  let bytes = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DRAIN_BYTES) cut();
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/**
 * A POST to a page, which Next treats as a possible server action: refused when it comes from
 * another site or carries a body Next could not decode; otherwise its body (when Next decodes one)
 * is read, checked and handed to Next as a fresh request carrying the same bytes.
 */
async function guardPagePost(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, next: Listener) {
  const crossSite = crossSiteRefusal(req.headers);
  if (crossSite) return refuse(req, res, crossSite, pathname);
  const kind = actionBodyKind(req.headers);
  if (kind !== null && typeof kind === "object") return refuse(req, res, kind, pathname);
  if (kind === null) return next(req, res);
  const body = await readBody(req, ACTION_BODY_LIMIT);
  if (body === "too-large") return refuse(req, res, tooLarge(), pathname);
  if (body === "aborted") return undefined;
  const bad = await actionBodyRefusal(kind, req.headers, body);
  if (bad) return refuse(req, res, bad, pathname);
  return next(replay(req, body), res);
}

/** The request body, or "too-large" as soon as it passes `limit` bytes, or "aborted". */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve("too-large");
      } else chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", () => resolve("aborted"));
    req.once("aborted", () => resolve("aborted"));
  });
}

/** A request like `req` (method, URL, judged headers, socket) whose body is `body`, already complete. */
function replay(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  delete copy.headers["transfer-encoding"];
  copy.rawHeaders = req.rawHeaders;
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}

main().catch((error: unknown) => {
  console.error(`The server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
