/**
 * `npm run bench:scale`: what the public reads cost at 1,000 and at 50,000 commitments.
 *
 * For each size, a throwaway database under the temp folder holds the default dataset plus the
 * deterministic generated rows (db/grow.ts, seed 8: 25 commitments per agreement, a fifth of them
 * milestones, 10 status updates each, evidence on half), built through the real tables and
 * triggers. The production server (scripts/server.ts, one node process: the one measured) is
 * started on it twice, with the response cache off (`RESPONSE_CACHE_MB=0`) and then on, on ports
 * `--port` … `--port` + 2 × sizes − 1 (default 3160–3163). Each URL waits for the server to be
 * idle (what a slower URL left running is not counted against it), is fetched once, then loaded
 * with autocannon (a 1 s warm-up, not counted, then the measured run; scripts/lib/bench-measure.ts). A URL answering 404
 * or a redirect has no page of its own yet and is skipped with a note; one answering 5xx is
 * reported with its count and not loaded; one that does not answer within `--url-timeout` seconds
 * (first fetch, or any request of the run) counts as "did not finish", so no URL holds up the
 * bench for long. After the URLs, all of them are loaded together (each connection cycles through
 * the list): what one process serves of a mixed public load, item 5 of issue 9.
 *
 * Prints one Markdown table: URL × cache → for each size req/s, p50 and p99 (ms), the count of
 * 5xx answers and the server's resident memory after that URL (VmRSS, MiB), and the 50k/1k ratio
 * of p50; then a row "all URLs mixed" (one process) and a row with the server's peak resident
 * memory over the run (VmHWM of the server process itself, from /proc/PID/status, Linux). A URL
 * that answers 5xx or not at all is reported, never fatal.
 *
 * Each URL is loaded twice: p50 and p99 come from a run at `--latency-connections` (default 1: one
 * reader, so they are what a page costs; at 10 connections on 2 cores they are mostly queueing),
 * req/s from a run at `--connections` (default 10: what one process serves).
 *
 * Options (flags or env): `--seconds` / BENCH_SECONDS (measured seconds per run, default 5),
 * `--connections` / BENCH_CONNECTIONS (default 10), `--latency-connections` /
 * BENCH_LATENCY_CONNECTIONS (default 1), `--sizes 1000,50000` (commitments to generate),
 * `--port` / BENCH_PORT (first port, default 3160), `--url-timeout` / BENCH_URL_TIMEOUT (seconds a
 * request may take before it counts as not finished, default 30). With the defaults the whole run
 * takes about 14 minutes on 2 cores (10 with `--seconds 3`). Not part of `npm test`: the figures depend on the machine
 * (tests/unit/backup-restore.test.ts runs the generator small, tests/unit/bench-measure.test.ts
 * the measuring against a small server).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import type Database from "better-sqlite3";

import { prepareDatabase } from "../db/client";
import { bulkLoadSettings, endBulkLoad, growDatabase } from "../db/grow";
import {
  cell,
  combine,
  type LoadOptions,
  type Measure,
  measure,
  measureMix,
  peakMemoryMiB,
  type Skipped,
} from "./lib/bench-measure";
import { ensureBuild } from "./lib/build";
import { serverArgs } from "./lib/serve";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: process.env.BENCH_SECONDS ?? "5" },
    connections: { type: "string", default: process.env.BENCH_CONNECTIONS ?? "10" },
    "latency-connections": { type: "string", default: process.env.BENCH_LATENCY_CONNECTIONS ?? "1" },
    sizes: { type: "string", default: "1000,50000" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3160" },
    "url-timeout": { type: "string", default: process.env.BENCH_URL_TIMEOUT ?? "30" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
/** Connections of the latency run (p50, p99): one reader by default, so the figures are a page's cost, not a queue's. */
const LATENCY_CONNECTIONS = Number(values["latency-connections"]);
const SIZES = values.sizes.split(",").map(Number);
/** The first of the bench's ports: one per server run (2 × sizes). */
const FIRST_PORT = Number(values.port);
/** Seconds a request may take before the URL counts as "did not finish". */
const URL_TIMEOUT = Number(values["url-timeout"]);
for (const [name, n] of Object.entries({
  seconds: SECONDS,
  connections: CONNECTIONS,
  "latency-connections": LATENCY_CONNECTIONS,
  port: FIRST_PORT,
  "url-timeout": URL_TIMEOUT,
})) {
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
}
if (SIZES.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error("--sizes must be whole numbers from 1, e.g. 1000,50000");

const LOAD: LoadOptions = { connections: CONNECTIONS, seconds: SECONDS, urlTimeout: URL_TIMEOUT };
const LATENCY_LOAD: LoadOptions = { ...LOAD, connections: LATENCY_CONNECTIONS };

/** What a URL stands for: a label and a path, the same at every size (the ids are looked up per database). */
interface Target {
  label: string;
  path: (ids: SampleIds) => string;
}

interface SampleIds {
  agreementSlug: string;
  commitmentId: number;
}

/**
 * The CSV filter: about 2,000 rows at 50,000 commitments (2,125 with seed 8: the generator leaves
 * about one commitment in 24 not assessed; the count is printed with the table).
 */
const CSV_FILTER = "status=not_assessed";

const TARGETS: Target[] = [
  { label: "/", path: () => "/" },
  { label: "/agreements", path: () => "/agreements" },
  { label: "/commitments", path: () => "/commitments" },
  { label: "filtered list", path: () => "/commitments?status=in_progress&theme=Trade" },
  // Words of the generated texts (db/grow.ts): the issue's "semiconductor hydrogen" matches no
  // generated row, so it measured only an empty answer. About 780 rows at 50,000; the broad one
  // about 6,200 (an eighth of the rows), whose facet counts are read over every match.
  { label: "search", path: () => "/commitments?q=review+renewable+energy" },
  { label: "broad search", path: () => "/commitments?q=carbon+capture" },
  { label: "API list", path: () => "/api/v1/commitments?status=stalled" },
  { label: "CSV (~2,000-row filter)", path: () => `/commitments.csv?${CSV_FILTER}` },
  { label: "/deadlines", path: () => "/deadlines" },
  { label: "/sitemap.xml", path: () => "/sitemap.xml" },
  { label: "agreement page", path: (ids) => `/agreements/${ids.agreementSlug}` },
  { label: "commitment page", path: (ids) => `/commitments/${ids.commitmentId}` },
];

/** A grown agreement and one of its commitments, from the middle of the generated rows. */
function sampleIds(sqlite: Database.Database): SampleIds {
  const row = sqlite
    .prepare(
      `SELECT a.slug AS slug, c.id AS id FROM commitments c JOIN agreements a ON a.id = c.agreement_id
       WHERE a.slug LIKE 'grown-%' AND c.parent_id IS NULL AND c.deleted_at IS NULL
       ORDER BY c.id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM commitments)`,
    )
    .get() as { slug: string; id: number } | undefined;
  if (!row) throw new Error("the grown database holds no generated commitment");
  return { agreementSlug: row.slug, commitmentId: row.id };
}

interface Dataset {
  size: number;
  file: string;
  ids: SampleIds;
  commitments: number;
  statusUpdates: number;
  csvRows: number;
  seconds: number;
}

function buildDataset(dir: string, size: number): Dataset {
  const file = path.join(dir, `scale-${size}.sqlite`);
  const started = Date.now();
  const db = prepareDatabase(file);
  try {
    bulkLoadSettings(db.$client);
    growDatabase(db.$client, { commitments: size, seed: 8 });
    endBulkLoad(db.$client);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
    return {
      size,
      file,
      ids: sampleIds(db.$client),
      commitments: count("SELECT count(*) FROM commitments WHERE deleted_at IS NULL"),
      statusUpdates: count("SELECT count(*) FROM status_updates"),
      csvRows: count("SELECT count(*) FROM commitments WHERE deleted_at IS NULL AND status = 'not_assessed'"),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    db.$client.close();
  }
}

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

async function startServer(file: string, port: number, cacheMb: number): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: file,
    AUTH_SECRET: "bench-scale-".padEnd(40, "x"),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    RESPONSE_CACHE_MB: String(cacheMb),
  };
  const child = spawn(process.execPath, serverArgs({ port, hostname: "127.0.0.1" }, env), {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 180; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited before it was healthy:\n${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { child, base, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`the server was not healthy within 90 s:\n${output}`);
}

/** Stop the server (SIGTERM, then SIGKILL after 10 s) and wait for it to exit. */
async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  const killer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}

type Results = Map<string, Measure | Skipped>;

/** The label of the mixed run: every URL that answered, loaded together. */
const MIX = "**all URLs mixed: one process**";

function key(label: string, cached: boolean, size: number): string {
  return `${label}\n${cached ? "on" : "off"}\n${size}`;
}

async function main() {
  const started = Date.now();
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-scale-"));
  const results: Results = new Map();
  /** peak RSS (VmHWM) of each server run, by cache mode and size */
  const peaks = new Map<string, number | null>();
  const notes: string[] = [];
  const datasets: Dataset[] = [];
  let port = FIRST_PORT;
  try {
    for (const size of SIZES) {
      console.log(`Growing a database with ${size} generated commitments…`);
      const dataset = buildDataset(dir, size);
      datasets.push(dataset);
      console.log(
        `  ${dataset.commitments} commitments, ${dataset.statusUpdates} status updates in ${dataset.seconds.toFixed(1)} s`,
      );
      for (const cached of [false, true]) {
        const server = await startServer(dataset.file, port++, cached ? 64 : 0);
        const pid = server.child.pid;
        try {
          const paths: string[] = [];
          for (const target of TARGETS) {
            const pathname = target.path(dataset.ids);
            process.stdout.write(`  cache ${cached ? "on " : "off"} ${pathname} … `);
            // Latency from one reader, then req/s from many (scripts/lib/bench-measure.ts `combine`).
            const latency = await measure(LATENCY_LOAD, server.base, pathname, pid);
            const m =
              "rps" in latency && latency.completed > 0
                ? combine(latency, await measure(LOAD, server.base, pathname, pid))
                : latency;
            results.set(key(target.label, cached, size), m);
            if ("rps" in m && m.completed > 0) paths.push(pathname);
            console.log(
              "rps" in m
                ? `${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors5xx} 5xx, ${m.failed} did not finish, RSS ${m.rssMiB} MiB`
                : `${m.status}, skipped`,
            );
          }
          process.stdout.write(`  cache ${cached ? "on " : "off"} all ${paths.length} URLs mixed … `);
          const mix = await measureMix(LOAD, server.base, paths, pid);
          results.set(key(MIX, cached, size), mix);
          console.log(`${mix.rps.toFixed(0)} req/s, p50 ${mix.p50} ms, p99 ${mix.p99} ms, ${mix.errors5xx} 5xx`);
          peaks.set(`${cached}\n${size}`, peakMemoryMiB(pid));
        } finally {
          await stopServer(server);
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  for (const target of TARGETS) {
    const skipped = [...results.entries()].find(([k, m]) => k.startsWith(`${target.label}\n`) && "skipped" in m);
    if (skipped) {
      notes.push(`${target.label} answered ${skipped[1].status} (no page of its own yet): skipped.`);
    }
  }
  const [small, large] = [SIZES[0]!, SIZES[SIZES.length - 1]!];
  const sizeLabel = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  console.log(
    `\nautocannon, ${SECONDS} s per run after a 1 s warm-up: p50 and p99 from a run at ${LATENCY_CONNECTIONS} ` +
      `connection${LATENCY_CONNECTIONS === 1 ? "" : "s"}, req/s from a run at ${CONNECTIONS}; the mixed row at ${CONNECTIONS} ` +
      `connections; ${os.cpus().length} cores, server and load on the same machine`,
  );
  for (const d of datasets) {
    console.log(
      `${sizeLabel(d.size)}: ${d.commitments.toLocaleString("en")} commitments, ${d.statusUpdates.toLocaleString("en")} status updates ` +
        `(built in ${d.seconds.toFixed(1)} s); the CSV filter (${CSV_FILTER}) holds ${d.csvRows} rows`,
    );
  }
  console.log(
    `Per URL: req/s (${CONNECTIONS} connections), p50 and p99 latency (ms, ${LATENCY_CONNECTIONS} connection${LATENCY_CONNECTIONS === 1 ? "" : "s"}), 5xx answers, and the server's resident memory after it (RSS, MiB); ` +
      `"did not finish": no answer within ${URL_TIMEOUT} s. Cache off first (RESPONSE_CACHE_MB=0), then on. ` +
      `"all URLs mixed": every URL above at once (each connection cycling through them), what one process serves. ` +
      `"N*": no response came within the ${SECONDS} s run (each slower than that); N is the first GET's time, ms.`,
  );
  const header = ["URL", "cache"];
  for (const n of SIZES) {
    const l = sizeLabel(n);
    header.push(`${l} req/s`, `${l} p50 ms`, `${l} p99 ms`, `${l} 5xx`, `${l} RSS MiB`);
  }
  // The ratio of item 3 (p50 at the largest size at most 2× p50 at the smallest), when there are two.
  const ratio = SIZES.length > 1;
  if (ratio) header.push(`p50 ${sizeLabel(large)}/${sizeLabel(small)}`);
  console.log(`\n| ${header.join(" | ")} |`);
  console.log(`| ${header.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`);
  for (const cached of [false, true]) {
    for (const label of [...TARGETS.map((t) => t.label), MIX]) {
      const row = [label, cached ? "on" : "off"];
      for (const n of SIZES) row.push(...cell(results.get(key(label, cached, n))));
      const a = results.get(key(label, cached, small));
      const b = results.get(key(label, cached, large));
      const both = a && b && "rps" in a && "rps" in b && a.completed > 0 && b.completed > 0 && a.p50 >= 1;
      if (ratio) row.push(both ? `${(b.p50 / a.p50).toFixed(1)}×` : "—");
      console.log(`| ${row.join(" | ")} |`);
    }
    const row = ["**server peak RSS (VmHWM), MiB**", cached ? "on" : "off"];
    for (const n of SIZES) row.push("", "", "", "", `**${peaks.get(`${cached}\n${n}`) ?? "n/a"}**`);
    if (ratio) row.push("");
    console.log(`| ${row.join(" | ")} |`);
  }
  for (const note of notes) console.log(`\nNote: ${note}`);
  console.log(`\nbench:scale took ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
}

main().catch((error) => {
  console.error(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
