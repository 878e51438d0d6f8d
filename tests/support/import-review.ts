/**
 * A real SQLite test database with an agreement (KR–TH, signed 2024-09-06), an admin and an editor,
 * and helpers for the import review's tests (tests/unit/import-review.test.ts, import-commit.test.ts).
 */
import fs from "node:fs";
import path from "node:path";

import { and, asc, count, eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { createAgreement } from "../../db/mutations/agreements";
import { startImport } from "../../db/mutations/import-start";
import { auditLog, commitments } from "../../db/schema";
import { importCandidates, importRuns } from "../../db/schema-import";
import { createTempDb, type TempDb } from "./temp-db";
import { insertUser } from "./users";

export const FIXTURE = path.join(process.cwd(), "tests/fixtures/import/kr-th-2024-joint-statement.txt");
export const STATEMENT = fs.readFileSync(FIXTURE, "utf8");
export const SOURCE = { text: STATEMENT, format: "txt", encoding: "UTF-8", encodingGuessed: false, notes: [] };

export interface ImportDb {
  t: TempDb;
  admin: number;
  editor: number;
  agreementId: number;
}

let current: ImportDb | null = null;
const ctx = (): ImportDb => {
  if (!current) throw new Error("call setupImportDb() first");
  return current;
};

/** A fresh database with the agreement and the two users (call in beforeEach; cleanup in afterEach). */
export async function setupImportDb(): Promise<ImportDb> {
  const t = createTempDb();
  const admin = await insertUser(t.db, "admin@example.org", "admin");
  const editor = await insertUser(t.db, "editor@example.org", "editor");
  const created = createAgreement(
    t.db,
    admin,
    {
      title: "Korea–Thailand Strategic Partnership",
      slug: "kr-th-2024",
      kind: "Joint statement",
      signedOn: "2024-09-06",
      place: "Bangkok",
      summary: "",
      sourceUrl: "",
      parties: ["KR"],
      newPartyCode: "TH",
      newPartyName: "Kingdom of Thailand",
    },
    "2026-11-29",
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  current = { t, admin, editor, agreementId: created.data.agreementId };
  return current;
}

/** `import.start` of the statement (or `extra` over it) as the admin; throws on a refusal. */
export async function start(db: Db, extra: Record<string, unknown> = {}) {
  const r = await startImport(db, ctx().admin, {
    agreementId: ctx().agreementId,
    title: "Joint Statement (KR–TH)",
    kind: "joint_statement",
    fileName: "kr-th.txt",
    source: SOURCE,
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

/** The run's candidates in text order. */
export function candidates(db: Db, runId: number) {
  return db
    .select()
    .from(importCandidates)
    .where(eq(importCandidates.runId, runId))
    .orderBy(asc(importCandidates.start))
    .all();
}

export function textOf(db: Db, runId: number): string {
  return db.select({ text: importRuns.text }).from(importRuns).where(eq(importRuns.id, runId)).get()?.text ?? "";
}

/** The agreement's live commitments. */
export function liveCount(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(commitments)
      .where(and(eq(commitments.agreementId, ctx().agreementId), eq(commitments.live, 1)))
      .get()?.n ?? 0
  );
}

/** The audit actions written after row `since`, in order. */
export function actions(db: Db, since: number) {
  return db
    .select({ id: auditLog.id, action: auditLog.action })
    .from(auditLog)
    .orderBy(asc(auditLog.id))
    .all()
    .filter((a) => a.id > since)
    .map((a) => a.action);
}

export function lastAuditId(db: Db): number {
  return db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
}
