/**
 * `npm run bench:scale`: what the public reads cost at 1,000 and at 50,000 commitments.
 *
 * For each size, a throwaway database under the temp folder holds the default dataset plus the
 * deterministic generated rows (db/grow.ts, seed 8: 25 commitments per agreement, a fifth of them
 * milestones, 10 status updates each, evidence on half), built through the real tables and
 * triggers. The production server (scripts/server.ts) is started on it twice, with the response
 * cache off (`RESPONSE_CACHE_MB=0`) and then on, on ports 3160–3169. Each URL is first fetched once
 * (a 404 is skipped with a note: a route that does not exist yet), then loaded with autocannon
 * (a 1 s warm-up, not counted, then the measured run). A URL answering 404 or a redirect has no
 * page of its own yet and is skipped with a note; one answering 5xx (or nothing) is reported with
 * its count and not loaded.
 *
 * Prints one Markdown table: URL × cache → for each size req/s, p50 and p99 (ms) and the count of
 * 5xx answers, and the 50k/1k ratio of p50; then the server's peak resident memory (VmHWM from
 * /proc/PID/status, Linux) for each run. A URL that answers 5xx is reported, never fatal.
 *
 * Options (flags or env): `--seconds` / BENCH_SECONDS (measured seconds per URL, default 5),
 * `--connections` / BENCH_CONNECTIONS (default 10), `--sizes 1000,50000` (commitments to generate).
 * With the defaults the whole run takes about 7 minutes on 2 cores. Not part of `npm test`: the
 * figures depend on the machine (tests/unit/backup-restore.test.ts runs the generator small).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import autocannon from "autocannon";
import type Database from "better-sqlite3";

import { prepareDatabase } from "../db/client";
import { bulkLoadSettings, growDatabase } from "../db/grow";
import { ensureBuild } from "./lib/build";
import { serverArgs } from "./lib/serve";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: process.env.BENCH_SECONDS ?? "5" },
    connections: { type: "string", default: process.env.BENCH_CONNECTIONS ?? "10" },
    sizes: { type: "string", default: "1000,50000" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const SIZES = values.sizes.split(",").map(Number);
/** The bench's own ports (3160–3169): one per server run. */
const FIRST_PORT = 3160;

/** One measured URL at one size and cache mode. */
export interface Measure {
  /** HTTP status of the first plain GET */
  status: number;
  rps: number;
  /** latency percentiles, ms */
  p50: number;
  p99: number;
  /** answers with a 5xx status during the measured run (plus the first GET) */
  errors5xx: number;
  /** requests that got no answer within 30 s (timeouts, resets) */
  failed: number;
  /** responses completed in the measured run (0: none finished in time, so no latency to show) */
  completed: number;
}

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
  { label: "search", path: () => "/commitments?q=semiconductor+hydrogen" },
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
  const child = spawn(process.execPath, serverArgs({ port, hostname: "127.0.0.1" }), {
    env: {
      ...process.env,
      DATABASE_URL: file,
      AUTH_SECRET: "bench-scale-".padEnd(40, "x"),
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      RESPONSE_CACHE_MB: String(cacheMb),
    },
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

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

/** Peak resident memory of a process in MiB (VmHWM, /proc/PID/status on Linux); null elsewhere. */
export function peakMemoryMiB(pid: number | undefined, proc = "/proc"): number | null {
  try {
    const status = fs.readFileSync(`${proc}/${pid}/status`, "utf8");
    const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) && kb > 0 ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

function load(url: string, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, timeout: 30 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** Answers with a 5xx status in an autocannon result (its per-status counts). */
function count5xx(result: autocannon.Result): number {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.entries(stats)
    .filter(([code]) => code.startsWith("5"))
    .reduce((sum, [, s]) => sum + s.count, 0);
}

/** A URL with no page of its own (yet): 404, or a redirect elsewhere. */
interface Skipped {
  status: number;
  skipped: true;
}

async function measure(base: string, pathname: string): Promise<Measure | Skipped> {
  let status: number;
  try {
    const response = await fetch(base + pathname, { redirect: "manual" });
    await response.arrayBuffer();
    status = response.status;
  } catch {
    status = 0;
  }
  if (status === 404 || (status >= 300 && status < 400)) return { status, skipped: true };
  // A URL that fails is reported, not loaded: a failing render can cost seconds, and ten of them
  // queued behind each other would hold up every URL after it.
  if (status >= 500 || status === 0) return { status, rps: 0, p50: 0, p99: 0, errors5xx: 1, failed: 0, completed: 0 };
  await load(base + pathname, 1); // warm-up, not counted
  const r = await load(base + pathname, SECONDS);
  return {
    status,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors5xx: count5xx(r) + (status >= 500 ? 1 : 0),
    failed: r.errors + r.timeouts,
    completed: r.requests.total,
  };
}

type Results = Map<string, Measure | Skipped>;

function key(label: string, cached: boolean, size: number): string {
  return `${label}\n${cached ? "on" : "off"}\n${size}`;
}

function cell(m: Measure | Skipped | undefined): string[] {
  if (!m) return ["—", "—", "—", "—"];
  if (!("rps" in m)) return [String(m.status), "—", "—", "—"];
  if (m.completed === 0) return ["0", "none done", "none done", m.errors5xx > 0 ? `**${m.errors5xx}**` : "0"];
  const errors = m.errors5xx > 0 ? `**${m.errors5xx}**` : "0";
  const failed = m.failed > 0 ? ` (+${m.failed} no answer)` : "";
  return [m.rps.toFixed(0), String(m.p50), String(m.p99), errors + failed];
}

async function main() {
  const started = Date.now();
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-scale-"));
  const results: Results = new Map();
  const memory: string[] = [];
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
        if (port > 3169) throw new Error("out of bench ports (3160–3169)");
        const server = await startServer(dataset.file, port++, cached ? 64 : 0);
        try {
          for (const target of TARGETS) {
            const pathname = target.path(dataset.ids);
            process.stdout.write(`  cache ${cached ? "on " : "off"} ${pathname} … `);
            const m = await measure(server.base, pathname);
            results.set(key(target.label, cached, size), m);
            console.log(
              "rps" in m
                ? `${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, ${m.errors5xx} 5xx, ${m.failed} unanswered`
                : `${m.status}, skipped`,
            );
          }
          const peak = peakMemoryMiB(server.child.pid);
          memory.push(`| ${size.toLocaleString("en")} | ${cached ? "on" : "off"} | ${peak ?? "n/a"} |`);
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
    `\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per URL after a 1 s warm-up; ${os.cpus().length} cores, ` +
      `server and load on the same machine`,
  );
  for (const d of datasets) {
    console.log(
      `${sizeLabel(d.size)}: ${d.commitments.toLocaleString("en")} commitments, ${d.statusUpdates.toLocaleString("en")} status updates ` +
        `(built in ${d.seconds.toFixed(1)} s); the CSV filter (${CSV_FILTER}) holds ${d.csvRows} rows`,
    );
  }
  const header = ["URL", "cache"];
  for (const n of SIZES)
    header.push(`${sizeLabel(n)} req/s`, `${sizeLabel(n)} p50 ms`, `${sizeLabel(n)} p99 ms`, `${sizeLabel(n)} 5xx`);
  header.push(`p50 ${sizeLabel(large)}/${sizeLabel(small)}`);
  console.log(`\n| ${header.join(" | ")} |`);
  console.log(`| ${header.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`);
  for (const target of TARGETS) {
    for (const cached of [false, true]) {
      const row = [target.label, cached ? "on" : "off"];
      for (const n of SIZES) row.push(...cell(results.get(key(target.label, cached, n))));
      const a = results.get(key(target.label, cached, small));
      const b = results.get(key(target.label, cached, large));
      const both = a && b && "rps" in a && "rps" in b && a.completed > 0 && b.completed > 0 && a.p50 > 0;
      row.push(both ? `${(b.p50 / a.p50).toFixed(1)}×` : "—");
      console.log(`| ${row.join(" | ")} |`);
    }
  }
  console.log("\nServer peak resident memory (VmHWM):\n\n| size | cache | MiB |\n| ---: | --- | ---: |");
  for (const line of memory) console.log(line);
  for (const note of notes) console.log(`\nNote: ${note}`);
  console.log(`\nbench:scale took ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
}

main().catch((error) => {
  console.error(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
