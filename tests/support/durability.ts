/**
 * Helpers for the durability checks (tests/e2e/08-durability.spec.ts, scripts/bench-load.ts): a
 * throwaway database with editors, a production server started on it as its own process, a stream
 * of status updates posted through the real HTTP path, and a look at what the database holds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";

import { prepareDatabase } from "../../db/client";
import { serverArgs } from "../../scripts/lib/serve";
import { FormClient } from "./form-client";
import { insertUser, TEST_PASSWORD } from "./users";

export const DURABILITY_SECRET = "durability-checks-".padEnd(48, "x");

export interface Scratch {
  dir: string;
  file: string;
  editors: string[];
  /** ids of live top-level commitments, one list per editor (so editors never conflict) */
  commitmentsByEditor: number[][];
  remove(): void;
}

/**
 * A fresh database under the temp folder with the default dataset and `editors` editor accounts
 * (password TEST_PASSWORD).
 */
export async function scratchDatabase(prefix: string, editors: number): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "app.sqlite");
  const db = prepareDatabase(file);
  const emails = Array.from({ length: editors }, (_, i) => `durability-editor-${i + 1}@accord.test`);
  for (const email of emails) await insertUser(db, email, "editor");
  const ids = db.$client
    .prepare("SELECT id FROM commitments WHERE parent_id IS NULL AND deleted_at IS NULL ORDER BY id")
    .pluck()
    .all() as number[];
  db.$client.close();
  const commitmentsByEditor = emails.map((_, i) => ids.filter((_, j) => j % editors === i));
  return {
    dir,
    file,
    editors: emails,
    commitmentsByEditor,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningServer {
  process: ChildProcess;
  base: string;
  /** the server's output so far (for a failure message) */
  output(): string;
  /** resolves with the exit code or signal once it has exited */
  exited: Promise<number | string | null>;
}

/** Start scripts/server.ts (Next behind the response cache) on `file`, and wait for /healthz. */
export async function startServer(
  file: string,
  port: number,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, serverArgs({ port, hostname: "127.0.0.1" }), {
    env: {
      ...process.env,
      DATABASE_URL: file,
      AUTH_SECRET: DURABILITY_SECRET,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return waitUntilHealthy(child, `http://127.0.0.1:${port}`);
}

/** Wait (at most 90 s) until `base`/healthz answers 200, or fail with the process's output. */
export async function waitUntilHealthy(child: ChildProcess, base: string): Promise<RunningServer> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 180; i++) {
    if (gone) throw new Error(`the server exited before it was healthy:\n${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200)
        return { process: child, base, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`the server was not healthy within 90 s:\n${output}`);
}

export interface PostOutcome {
  note: string;
  commitmentId: number;
  /** true when the server answered with the success redirect (the update is acknowledged) */
  acknowledged: boolean;
  /** HTTP status, or the network error's message when there was no response */
  answer: number | string;
}

/**
 * Post one status update to `commitmentId` as `client` through the staff form (GET the page for
 * its current version and fresh submission id, then POST the server action). A success is the
 * 303 redirect to `?done=posted`.
 */
export async function postUpdate(client: FormClient, commitmentId: number, note: string): Promise<PostOutcome> {
  try {
    const response = await client.submit(
      `/staff/commitments/${commitmentId}`,
      {
        status: "in_progress",
        progress: String(note.length % 101),
        note,
        "evidence.0.title": `Evidence for ${note}`,
        "evidence.0.url": `https://example.org/evidence/${encodeURIComponent(note)}`,
        "evidence.0.kind": "official",
      },
      "happenedOn",
    );
    const acknowledged = response.status === 303 && (response.location ?? "").includes("done=posted");
    return { note, commitmentId, acknowledged, answer: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { note, commitmentId, acknowledged: false, answer: cause ?? (error as Error).message };
  }
}

/** Sign in one client per editor. */
export async function signInEditors(base: string, emails: string[]): Promise<FormClient[]> {
  return Promise.all(
    emails.map(async (email) => {
      const client = new FormClient(base);
      await client.signIn(email, TEST_PASSWORD);
      return client;
    }),
  );
}

export interface WriteCheck {
  integrity: string;
  foreignKeyProblems: number;
  /** acknowledged updates found with their audit row and evidence */
  found: number;
  /** acknowledged updates missing (or missing their audit row or evidence) */
  lost: string[];
  /** updates in the database whose request got no success answer (committed as the server died) */
  committedUnacknowledged: number;
  /** updates written by the stream without their audit row or evidence, or commitments whose version disagrees */
  halfWritten: string[];
}

/**
 * What `file` holds of the posted updates: each acknowledged note must be there as one status
 * update with its audit row (`after.statusUpdateId`) and its evidence; nothing of the stream may be
 * half there; each commitment's version must be 1 + its updates.
 */
export function checkWrites(file: string, outcomes: PostOutcome[], notePrefix: string): WriteCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    const foreignKeyProblems = (db.pragma("foreign_key_check") as unknown[]).length;
    const rows = db
      .prepare(
        `SELECT s.id, s.note, s.commitment_id AS commitmentId,
           (SELECT count(*) FROM audit_log a WHERE a.action = 'status_update.create'
              AND json_extract(a.after, '$.statusUpdateId') = s.id) AS audits,
           (SELECT count(*) FROM evidence e WHERE e.status_update_id = s.id) AS evidence
         FROM status_updates s WHERE s.note LIKE ? || '%'`,
      )
      .all(notePrefix) as { id: number; note: string; commitmentId: number; audits: number; evidence: number }[];
    const byNote = new Map(rows.map((r) => [r.note, r]));
    const whole = (r: (typeof rows)[number] | undefined) => r !== undefined && r.audits === 1 && r.evidence === 1;
    const acknowledged = outcomes.filter((o) => o.acknowledged);
    const lost = acknowledged.filter((o) => !whole(byNote.get(o.note))).map((o) => o.note);
    const ackNotes = new Set(acknowledged.map((o) => o.note));
    const halfWritten = rows
      .filter((r) => !whole(r))
      .map((r) => `${r.note}: ${r.audits} audit, ${r.evidence} evidence`);
    // Versions: the dataset's commitments start at version 1; every update bumps it by one.
    const touched = [...new Set(rows.map((r) => r.commitmentId))];
    for (const id of touched) {
      const { version, updates } = db
        .prepare(
          "SELECT version, (SELECT count(*) FROM status_updates WHERE commitment_id = c.id) AS updates FROM commitments c WHERE id = ?",
        )
        .get(id) as { version: number; updates: number };
      const seeded = db
        .prepare("SELECT count(*) FROM status_updates WHERE commitment_id = ? AND note NOT LIKE ? || '%'")
        .pluck()
        .get(id, notePrefix) as number;
      if (version !== 1 + (updates - seeded))
        halfWritten.push(`commitment ${id}: version ${version}, ${updates - seeded} new updates`);
    }
    return {
      integrity,
      foreignKeyProblems,
      found: acknowledged.length - lost.length,
      lost,
      committedUnacknowledged: rows.filter((r) => !ackNotes.has(r.note)).length,
      halfWritten,
    };
  } finally {
    db.close();
  }
}
