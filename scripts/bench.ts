/**
 * `npm run bench`: starts the production server on a throwaway copy of the default dataset and
 * measures, with autocannon (20 connections, 2 s warm-up then 10 s each, one after another), requests per second and
 * p50/p99 latency for the public pages, the API, a filtered list, a search and a static file from
 * public/, printing each page's throughput as a ratio of the static file's.
 * Env: BENCH_PORT (default 3900), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { prepareDatabase } from "../db/client";
import { ensureBuild } from "./lib/build";

const PORT = Number(process.env.BENCH_PORT ?? 3900);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;

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

async function main() {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-"));
  const file = path.join(dir, "bench.sqlite");
  prepareDatabase(file).$client.close();
  const server: ChildProcess = spawn(
    path.join("node_modules", ".bin", "next"),
    ["start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        DATABASE_URL: file,
        AUTH_SECRET: "bench-".padEnd(40, "x"),
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
      stdio: "ignore",
    },
  );
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
    ];
    const rows: { name: string; rps: number; p50: number; p99: number; errors: number }[] = [];
    for (const [name, pathname] of targets) {
      await run(BASE + pathname, 2); // warm-up, not counted
      const r = await run(BASE + pathname);
      rows.push({ name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
    }
    const base = rows[0]?.rps ?? 1;
    console.log(
      `\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per target, ${os.cpus().length} cores, server and load on the same machine\n`,
    );
    console.log("| target | req/s | p50 ms | p99 ms | errors | ratio to static |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / base).toFixed(2)} |`,
      );
    }
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
