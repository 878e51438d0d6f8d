/**
 * Durability, on servers of their own (port E2E_PORT + 30 and + 31) and throwaway databases, so the
 * shared e2e database is not touched:
 * - [CRASH]: the production server is killed with SIGKILL in the middle of a stream of status
 *   updates posted through the staff form; after a restart the database is intact and holds every
 *   acknowledged update with its audit row, and nothing half-written.
 * - [LITESTREAM]: `npm start` with LITESTREAM_REPLICA_URL replicates to a local folder while updates
 *   are posted; `litestream restore` of the replica holds every acknowledged update.
 * - [HEALTHZ]: the health probe on the shared server.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { litestreamBinary } from "../../scripts/lib/litestream";
import {
  checkWrites,
  DURABILITY_SECRET,
  type PostOutcome,
  postUpdate,
  scratchDatabase,
  signInEditors,
  startServer,
  waitUntilHealthy,
} from "../support/durability";
import type { FormClient } from "../support/form-client";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
const CRASH_PORT = BASE_PORT + 30;
const LITESTREAM_PORT = BASE_PORT + 31;

/**
 * Each client posts to its own commitments in turn until `stop()` says so; returns every outcome.
 * `onAcknowledged` is told the running count of successes.
 */
function stream(clients: FormClient[], commitments: number[][], prefix: string) {
  let stopped = false;
  const outcomes: PostOutcome[] = [];
  let acknowledged = 0;
  const listeners: ((n: number) => void)[] = [];
  const loops = clients.map(async (client, e) => {
    const mine = commitments[e]!;
    for (let i = 0; !stopped && i < 10_000; i++) {
      const outcome = await postUpdate(client, mine[i % mine.length]!, `${prefix} e${e} #${i}`);
      outcomes.push(outcome);
      if (outcome.acknowledged) listeners.forEach((l) => l(++acknowledged));
      else if (typeof outcome.answer === "string") break; // the server is gone
    }
  });
  return {
    outcomes,
    whenAcknowledged: (n: number) => new Promise<void>((resolve) => listeners.push((count) => count >= n && resolve())),
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

test.describe("[DURABILITY][CRASH]", () => {
  test.setTimeout(120_000);

  test("a server killed with SIGKILL mid-stream keeps every acknowledged update, whole", async () => {
    const scratch = await scratchDatabase("accord-crash-", 3);
    try {
      let server = await startServer(scratch.file, CRASH_PORT);
      const clients = await signInEditors(server.base, scratch.editors);
      const writes = stream(clients, scratch.commitmentsByEditor, "crash");
      // Let the stream run, then kill the server while requests are in flight.
      await writes.whenAcknowledged(40);
      server.process.kill("SIGKILL");
      expect(await server.exited).toBe("SIGKILL");
      const outcomes = await writes.stop();

      server = await startServer(scratch.file, CRASH_PORT);
      const check = checkWrites(scratch.file, outcomes, "crash");
      const acknowledged = outcomes.filter((o) => o.acknowledged).length;
      const unanswered = outcomes.filter((o) => !o.acknowledged);
      console.log(
        `[crash] posted ${outcomes.length}, acknowledged ${acknowledged}, found ${check.found}, lost ${check.lost.length}; ` +
          `without a success answer ${unanswered.length} (${unanswered.map((o) => o.answer).join(", ")}), ` +
          `of which committed anyway ${check.committedUnacknowledged}`,
      );
      expect(check.integrity).toBe("ok");
      expect(check.foreignKeyProblems).toBe(0);
      expect(acknowledged).toBeGreaterThanOrEqual(40);
      expect(check.lost).toEqual([]);
      expect(check.found).toBe(acknowledged);
      expect(check.halfWritten).toEqual([]);
      // Every failure is the kill (no response), never an error answer from the server.
      for (const o of unanswered) expect(typeof o.answer).toBe("string");

      // The restarted server serves and takes writes again; the public page shows the last update.
      const last = outcomes.filter((o) => o.acknowledged).at(-1)!;
      const page = await (await fetch(`${server.base}/commitments/${last.commitmentId}`)).text();
      expect(page).toContain(last.note);
      const [again] = await signInEditors(server.base, [scratch.editors[0]!]);
      expect((await postUpdate(again!, scratch.commitmentsByEditor[0]![0]!, "crash after restart")).acknowledged).toBe(
        true,
      );
      server.process.kill("SIGTERM");
      await server.exited;
    } finally {
      scratch.remove();
    }
  });
});

test.describe("[DURABILITY][LITESTREAM]", () => {
  test.setTimeout(120_000);

  function restoreReplica(replicaUrl: string, out: string) {
    const run = spawnSync(litestreamBinary(), ["restore", "-o", out, replicaUrl], { encoding: "utf8" });
    return { status: run.status, output: run.stdout + run.stderr };
  }

  test("npm start with LITESTREAM_REPLICA_URL replicates; a restored replica holds every acknowledged update", async () => {
    const scratch = await scratchDatabase("accord-litestream-", 2);
    const replicaUrl = `file://${path.join(scratch.dir, "replica")}`;
    let app: ChildProcess | undefined;
    try {
      app = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: scratch.file,
          PORT: String(LITESTREAM_PORT),
          AUTH_SECRET: DURABILITY_SECRET,
          LITESTREAM_REPLICA_URL: replicaUrl,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const server = await waitUntilHealthy(app, `http://127.0.0.1:${LITESTREAM_PORT}`);
      expect(server.output()).toContain(`Litestream v0.3.13 will replicate the database to ${replicaUrl}`);
      const clients = await signInEditors(server.base, scratch.editors);
      const writes = stream(clients, scratch.commitmentsByEditor, "replicated");
      await writes.whenAcknowledged(30);
      const outcomes = await writes.stop();
      const acknowledged = outcomes.filter((o) => o.acknowledged).length;
      expect(acknowledged).toBe(outcomes.length);

      // While the app runs: the replica catches up within Litestream's 1 s sync interval (a few
      // tries allowed on a busy machine).
      let live = checkWrites(scratch.file, [], "replicated");
      for (let attempt = 1; attempt <= 15; attempt++) {
        await new Promise((r) => setTimeout(r, 1000));
        const out = path.join(scratch.dir, `live-restore-${attempt}.sqlite`);
        const restored = restoreReplica(replicaUrl, out);
        expect(restored.status, restored.output).toBe(0);
        live = checkWrites(out, outcomes, "replicated");
        if (live.lost.length === 0) break;
      }
      expect(live.integrity).toBe("ok");
      expect(live.lost).toEqual([]);

      // After a normal stop (the server first, then Litestream's last sync): every write is there.
      app.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain("Litestream synced and stopped.");
      const out = path.join(scratch.dir, "final-restore.sqlite");
      const restored = restoreReplica(replicaUrl, out);
      expect(restored.status, restored.output).toBe(0);
      const check = checkWrites(out, outcomes, "replicated");
      console.log(
        `[litestream] acknowledged ${acknowledged}, found in the restored replica ${check.found}, lost ${check.lost.length}`,
      );
      expect(check.integrity).toBe("ok");
      expect(check.foreignKeyProblems).toBe(0);
      expect(check.lost).toEqual([]);
      expect(check.found).toBe(acknowledged);
      expect(check.halfWritten).toEqual([]);
    } finally {
      if (app && app.exitCode === null) app.kill("SIGKILL");
      scratch.remove();
    }
  });
});

test.describe("[OPS][HEALTHZ]", () => {
  test("answers 200 with the migrations and cache state, never cached, no data", async ({ request }) => {
    const first = await request.get("/healthz");
    expect(first.status()).toBe(200);
    expect(first.headers()["cache-control"]).toBe("no-store");
    expect(first.headers()["x-cache"]).toBeUndefined();
    const body = await first.json();
    expect(body.status).toBe("ok");
    expect(body.database.reachable).toBe(true);
    expect(body.database.migrations.applied).toBe(body.database.migrations.expected);
    expect(body.database.migrations.latestApplied).toBe(body.database.migrations.latestExpected);
    expect(body.cache).toMatchObject({ enabled: true, maxBytes: 64 * 1024 * 1024 });
    expect(Object.keys(body).sort()).toEqual(["cache", "database", "status"]);
    // A cached page shows in the next probe's count.
    await request.get("/");
    await request.get("/");
    const second = await (await request.get("/healthz")).json();
    expect(second.cache.entries).toBeGreaterThanOrEqual(1);
    expect(second.cache.bytes).toBeGreaterThan(0);
  });
});
