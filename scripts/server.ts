/**
 * The production HTTP server: Next's request handler (a custom server, nextjs.org/docs/app/guides/custom-server)
 * behind the public pages' response cache (lib/response-cache.ts), with the hash-based
 * Content-Security-Policy of public HTML pages computed between the two (lib/hashed-csp.ts).
 *
 * Started by scripts/lib/serve.ts (`npm start`, the e2e server, `npm run bench`) after the build
 * and the database are ready. Usage: `node --import tsx scripts/server.ts --port 3000 [--hostname 127.0.0.1]`.
 * Env: DATABASE_URL (the prepared database), AUTH_SECRET, NODE_ENV=production, and RESPONSE_CACHE_MB
 * (size of the cache in MiB, default 64; 0 turns it off).
 */
import http from "node:http";
import { parseArgs } from "node:util";

import next from "next";

import { openPublicRevision } from "../db/public-revision";
import { registerCacheState } from "../lib/cache-state";
import { databasePath, readEnv } from "../lib/env";
import { normaliseForwardedHeaders } from "../lib/forwarded";
import { withHashedCsp } from "../lib/hashed-csp";
import { ResponseCache, withResponseCache } from "../lib/response-cache";
import { appToday } from "../lib/today";

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.hostname;
  const { RESPONSE_CACHE_MB: megabytes, TRUST_PROXY: trustProxy } = readEnv();

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

  const server = http.createServer((req, res) => {
    normaliseForwardedHeaders(req, trustProxy);
    return listener(req, res);
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

main().catch((error: unknown) => {
  console.error(`The server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
