/**
 * `npm run bench:load [-- --seconds 60 --readers 50 --editors 5 --commitments 0]`: a mixed load on
 * the production server (scripts/server.ts, response cache on) with a throwaway database.
 *
 * - Readers loop over public pages (home, agreement, list, commitment pages, API, feed, deadlines).
 * - Editors sign in through /signin and post status updates through the staff form as a browser
 *   without JavaScript does (tests/support/form-client.ts), each to commitments of its own; after
 *   every acknowledged update (the 303 to `?done=posted`) the editor reads the public commitment
 *   page and its API record and checks that they show the update (read-after-write, through the
 *   response cache).
 * - At the end the database is checked: every acknowledged update there with its audit row and
 *   evidence, nothing half-written, integrity_check ok.
 *
 * Prints requests, errors (no response), non-2xx (non-303 for posts), p50/p99 and req/s per kind,
 * then writes acknowledged vs found. Exits 1 when an error, a lost write or a stale read was seen.
 * `--commitments N` grows the database first (db/grow.ts). Env: BENCH_PORT (default 3900).
 * Not part of `npm test`: the figures depend on the machine.
 */
import os from "node:os";
import { parseArgs } from "node:util";

import Database from "better-sqlite3";

import { growDatabase } from "../db/grow";
import {
  checkWrites,
  type PostOutcome,
  postUpdate,
  scratchDatabase,
  signInEditors,
  startServer,
} from "../tests/support/durability";
import { ensureBuild } from "./lib/build";

interface Sample {
  ms: number;
  status: number | null;
}

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: process.env.BENCH_SECONDS ?? "60" },
    readers: { type: "string", default: "50" },
    editors: { type: "string", default: "5" },
    commitments: { type: "string", default: "0" },
  },
});
const SECONDS = Number(values.seconds);
const READERS = Number(values.readers);
const EDITORS = Number(values.editors);
const GROW = Number(values.commitments);
const PORT = Number(process.env.BENCH_PORT ?? 3900);

async function timed(url: string): Promise<Sample & { body: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url);
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  } catch {
    return { ms: performance.now() - started, status: null, body: "" };
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function row(name: string, samples: Sample[], ok: (status: number) => boolean) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.status === null).length;
  const bad = samples.filter((s) => s.status !== null && !ok(s.status)).length;
  return `| ${name} | ${samples.length} | ${errors} | ${bad} | ${quantile(ms, 0.5).toFixed(0)} | ${quantile(ms, 0.99).toFixed(0)} | ${(samples.length / SECONDS).toFixed(1)} |`;
}

async function main() {
  ensureBuild();
  const scratch = await scratchDatabase("accord-bench-load-", EDITORS);
  if (GROW > 0) {
    const db = new Database(scratch.file);
    growDatabase(db, { commitments: GROW });
    db.close();
  }
  const server = await startServer(scratch.file, PORT);
  try {
    const base = server.base;
    const ids = scratch.commitmentsByEditor.flat();
    const pages = [
      "/",
      "/agreements/kr-my-strategic-partnership-2024",
      "/commitments",
      "/commitments?status=in_progress",
      "/deadlines",
      "/feed.xml",
      "/api/v1/commitments",
      ...ids.map((id) => `/commitments/${id}`),
      ...ids.map((id) => `/api/v1/commitments/${id}`),
    ];
    const clients = await signInEditors(base, scratch.editors);
    const deadline = Date.now() + SECONDS * 1000;
    const reads: Sample[] = [];
    const posts: (Sample & { outcome: PostOutcome })[] = [];
    const checks: Sample[] = [];
    const stale: string[] = [];

    const readers = Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; Date.now() < deadline; i++) {
        const sample = await timed(base + pages[i % pages.length]!);
        reads.push({ ms: sample.ms, status: sample.status });
      }
    });
    const editors = clients.map(async (client, e) => {
      const mine = scratch.commitmentsByEditor[e]!;
      for (let i = 0; Date.now() < deadline; i++) {
        const id = mine[i % mine.length]!;
        const started = performance.now();
        const outcome = await postUpdate(client, id, `load e${e} #${i}`);
        posts.push({
          ms: performance.now() - started,
          status: typeof outcome.answer === "number" ? outcome.answer : null,
          outcome,
        });
        if (!outcome.acknowledged) continue;
        // Read after write: the public page and the API record must show it at once.
        for (const url of [`${base}/commitments/${id}`, `${base}/api/v1/commitments/${id}`]) {
          const sample = await timed(url);
          checks.push({ ms: sample.ms, status: sample.status });
          if (!sample.body.includes(outcome.note)) stale.push(`${url} after "${outcome.note}"`);
        }
      }
    });
    await Promise.all([...readers, ...editors]);

    const outcomes = posts.map((p) => p.outcome);
    const check = checkWrites(scratch.file, outcomes, "load");
    const acknowledged = outcomes.filter((o) => o.acknowledged).length;
    console.log(
      `\n${READERS} readers and ${EDITORS} editors for ${SECONDS} s, server (response cache on) and load on the same ${os.cpus().length}-core machine; database: default dataset${GROW ? ` + ${GROW} generated commitments` : ""}\n`,
    );
    console.log("| requests | count | errors | non-2xx | p50 ms | p99 ms | per s |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    console.log(row("public pages (readers)", reads, (s) => s >= 200 && s < 300));
    console.log(row("status updates (form GET + POST, editors)", posts, (s) => s === 303));
    console.log(row("read after write (page + API)", checks, (s) => s >= 200 && s < 300));
    const all = [...reads, ...posts, ...checks];
    const errors = all.filter((s) => s.status === null).length;
    console.log(
      `\nrequests ${all.length + posts.length} (a status update is 2), errors ${errors}; ` +
        `writes acknowledged ${acknowledged}, found in the database ${check.found}, lost ${check.lost.length}, half-written ${check.halfWritten.length}; ` +
        `integrity_check ${check.integrity}; reads after a write that did not show it: ${stale.length} of ${checks.length}`,
    );
    for (const s of stale.slice(0, 5)) console.log(`  stale: ${s}`);
    const nonOk =
      reads.filter((s) => s.status !== null && (s.status < 200 || s.status >= 300)).length +
      posts.filter((p) => p.status !== 303).length;
    if (errors > 0 || nonOk > 0 || check.lost.length > 0 || stale.length > 0 || check.integrity !== "ok") {
      process.exitCode = 1;
    }
  } finally {
    server.process.kill("SIGTERM");
    await server.exited;
    scratch.remove();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:load failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
