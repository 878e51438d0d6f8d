/**
 * `npm run bench`: starts the production server on a throwaway copy of the default dataset and
 * measures, with autocannon (20 connections, 2 s warm-up then 10 s each, one after another), requests per second and
 * p50/p99 latency for the public pages, the API, a filtered list, a search and a static file from
 * public/, printing each page's throughput as a ratio of the static file's (the mean of a run at the
 * start and one at the end).
 * The server is the production one (scripts/server.ts, with the response cache); `npm run bench --
 * --uncached` runs it with the cache off, for comparison. The X-Cache column says what the cache
 * answered for each URL once warm.
 * Env: BENCH_PORT (default 3900), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { prepareDatabase } from "../db/client";
import { ensureBuild } from "./lib/build";
import { serverArgs } from "./lib/serve";

const PORT = Number(process.env.BENCH_PORT ?? 3900);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;
const UNCACHED = process.argv.includes("--uncached");

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start within 60 s");
}

function run(url: string, duration = SECONDS): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** The X-Cache header of a plain GET (no Accept-Encoding, as autocannon sends it), or "—". */
function cacheHeader(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        const value = response.headers["x-cache"];
        resolve(typeof value === "string" ? value : "—");
      })
      .on("error", reject);
  });
}

/** Resident set size of a process in MiB, from /proc (Linux); null elsewhere. */
function residentMemory(pid: number | undefined): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

async function main() {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-"));
  const file = path.join(dir, "bench.sqlite");
  prepareDatabase(file).$client.close();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: file,
    AUTH_SECRET: "bench-".padEnd(40, "x"),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    RESPONSE_CACHE_MB: UNCACHED ? "0" : (process.env.RESPONSE_CACHE_MB ?? "64"),
  };
  const server: ChildProcess = spawn(process.execPath, serverArgs({ port: PORT, hostname: "127.0.0.1" }, env), {
    env,
    stdio: "ignore",
  });
  try {
    await waitForServer();
    const list = (await (await fetch(`${BASE}/api/v1/commitments?q=free+trade+agreement`)).json()) as {
      data: { id: number; ref: string }[];
    };
    const fta = list.data.find((c) => c.ref === "6")?.id ?? 1;
    const targets: [string, string][] = [
      ["static file (public/humans.txt)", "/humans.txt"],
      ["home /", "/"],
      ["agreement page", "/agreements/kr-my-strategic-partnership-2024"],
      ["commitment page", `/commitments/${fta}`],
      ["filtered list", "/commitments?status=in_progress&theme=Trade"],
      ["search", "/commitments?q=defence"],
      ["API list", "/api/v1/commitments?status=in_progress"],
      // The static file again at the end: the ratio uses the mean of both runs, so drift on a busy
      // machine (or a cold start) does not flatter or penalise the pages.
      ["static file again", "/humans.txt"],
    ];
    const rows: { name: string; rps: number; p50: number; p99: number; errors: number; cache: string }[] = [];
    for (const [name, pathname] of targets) {
      await run(BASE + pathname, 2); // warm-up, not counted
      const r = await run(BASE + pathname);
      // What the response cache said for this URL once warm (HIT, MISS, or none for an uncached path).
      const cache = await cacheHeader(BASE + pathname);
      rows.push({
        name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.non2xx,
        cache,
      });
    }
    const statics = rows.filter((r) => r.name.startsWith("static file"));
    const base = statics.reduce((sum, r) => sum + r.rps, 0) / statics.length;
    console.log(
      `\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per target, ${os.cpus().length} cores, server and load on the same machine\n`,
    );
    console.log(`response cache: ${UNCACHED ? "off (--uncached)" : "on"}\n`);
    console.log("| target | X-Cache | req/s | p50 ms | p99 ms | errors | ratio to static |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.cache} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / base).toFixed(2)} |`,
      );
    }
    const rss = residentMemory(server.pid);
    if (rss !== null) console.log(`\nserver resident memory after the run: ${rss} MiB`);
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
