/**
 * `npm run bench:sync`: what `PRAGMA synchronous = FULL` costs a write, against NORMAL
 * (docs/decisions/008-durability.md). Posts `BENCH_WRITES` (default 400) status updates through the
 * real write verb (db/mutations/status-updates.ts: role check, zod, IMMEDIATE transaction, audit
 * row) on a throwaway copy of the default dataset, once per setting, and prints ms per write
 * (mean, p50, p99) and writes per second. Not a test: the figures depend on the disk and on what
 * else runs on the machine.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { eq } from "drizzle-orm";

import { prepareDatabase } from "../db/client";
import { postStatusUpdate } from "../db/mutations/status-updates";
import { commitments, users } from "../db/schema";
import { appToday } from "../lib/today";

const WRITES = Number(process.env.BENCH_WRITES ?? 400);

function measure(setting: "NORMAL" | "FULL"): { mean: number; p50: number; p99: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-sync-"));
  try {
    const db = prepareDatabase(path.join(dir, "bench.sqlite"));
    db.$client.pragma(`synchronous = ${setting}`);
    const editor = db
      .insert(users)
      .values({ email: "bench@accord.local", role: "editor", passwordHash: "!" })
      .returning({ id: users.id })
      .get().id;
    const target = db.select({ id: commitments.id, version: commitments.version }).from(commitments).get()!;
    let version = target.version;
    const today = appToday();
    const times: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const started = performance.now();
      const result = postStatusUpdate(
        db,
        editor,
        {
          commitmentId: target.id,
          version,
          submissionId: randomUUID(),
          status: "in_progress",
          progress: String(i % 100),
          happenedOn: today,
          note: `bench write ${i}`,
          evidence: [
            { title: `Report ${i}`, url: `https://example.org/${i}`, publisher: "", publishedOn: "", kind: "official" },
          ],
        },
        today,
      );
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`write ${i} refused: ${result.message}`);
      version = result.data.version;
    }
    const check = db.select({ v: commitments.version }).from(commitments).where(eq(commitments.id, target.id)).get();
    if (check?.v !== version) throw new Error("versions disagree");
    db.$client.close();
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return { mean: times.reduce((s, t) => s + t, 0) / times.length, p50: at(0.5), p99: at(0.99) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rows = (["NORMAL", "FULL", "NORMAL", "FULL"] as const).map((s) => ({ setting: s, ...measure(s) }));
console.log(`\n${WRITES} status updates per run, one after another, WAL mode, ${os.tmpdir()} on this machine\n`);
console.log("| synchronous | ms/write mean | p50 | p99 | writes/s |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  console.log(
    `| ${r.setting} | ${r.mean.toFixed(2)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(1000 / r.mean).toFixed(0)} |`,
  );
}
