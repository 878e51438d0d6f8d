/**
 * The authorization matrix (issue 3): every write verb × viewer / editor / admin / disabled user →
 * allowed or refused, with the database unchanged on a refusal and one audit row either way. It also
 * fails when a write function exists in db/mutations/ without a row here, or a verb without a row.
 */
import fs from "node:fs";
import path from "node:path";

import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "@/db/client";
import * as agreementVerbs from "@/db/mutations/agreements";
import * as commitmentVerbs from "@/db/mutations/commitments";
import * as evidenceVerbs from "@/db/mutations/evidence";
import * as importCommitVerbs from "@/db/mutations/import-commit";
import * as importReviewVerbs from "@/db/mutations/import-review";
import * as importSpanVerbs from "@/db/mutations/import-spans";
import * as importStartVerbs from "@/db/mutations/import-start";
import * as sourceDocumentVerbs from "@/db/mutations/source-documents";
import * as statusUpdateVerbs from "@/db/mutations/status-updates";
import * as userVerbs from "@/db/mutations/users";
import * as schema from "@/db/schema";
import { importCandidates } from "@/db/schema-import";
import { can, WRITE_VERBS, type WriteVerb } from "@/lib/permissions";
import type { UserRole } from "@/lib/roles";
import type { WriteResult } from "@/lib/write-result";

import { ALL_TABLES } from "../support/tables";
import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

const TODAY = "2026-11-29";

function ftaId(db: Db): number {
  return (
    db.select({ id: schema.commitments.id }).from(schema.commitments).where(eq(schema.commitments.ref, "6")).get()
      ?.id ?? 0
  );
}
function versionOf(db: Db, id: number): number {
  return (
    db.select({ v: schema.commitments.version }).from(schema.commitments).where(eq(schema.commitments.id, id)).get()
      ?.v ?? 0
  );
}
function firstEvidenceId(db: Db, commitmentId: number): number {
  return (
    db
      .select({ id: schema.evidence.id })
      .from(schema.evidence)
      .where(eq(schema.evidence.commitmentId, commitmentId))
      .get()?.id ?? 0
  );
}

/** Rows the verbs act on (users are never the actor). */
const targets = {
  active: 0,
  disabled: 0,
  deletedAgreement: 0,
  deletedCommitment: 0,
  removedEvidence: 0,
  removedEvidenceOf: 0,
  run: 0,
};

/** The import text of the matrix: pledges in paragraphs 1 and 2 (two there), a position in 3. */
const IMPORT_TEXT =
  "1. Both sides agreed to conclude the free trade agreement by next year.\n\n" +
  "2. The two sides will establish a Joint Committee on Defence Industry. They will hold its first meeting in 2025.\n\n" +
  "3. Malaysia welcomed the visit.\n";
const IMPORT_SOURCE = { text: IMPORT_TEXT, format: "txt", encoding: "UTF-8", encodingGuessed: false, notes: [] };

/** The ids of the matrix run's candidates, in text order. */
function candidateIds(db: Db): number[] {
  return db
    .select({ id: importCandidates.id })
    .from(importCandidates)
    .where(eq(importCandidates.runId, targets.run))
    .orderBy(importCandidates.start)
    .all()
    .map((r) => r.id);
}

function agreementId(db: Db): number {
  return (
    db
      .select({ id: schema.agreements.id })
      .from(schema.agreements)
      .where(eq(schema.agreements.slug, "kr-my-strategic-partnership-2024"))
      .get()?.id ?? 0
  );
}
function agreementUpdatedAt(db: Db): string {
  return (
    db
      .select({ u: schema.agreements.updatedAt })
      .from(schema.agreements)
      .where(eq(schema.agreements.id, agreementId(db)))
      .get()?.u ?? ""
  );
}
const AGREEMENT_FORM = {
  title: "Joint statement",
  kind: "Joint statement",
  signedOn: "2024-11-25",
  place: "Seoul",
  summary: "",
  sourceUrl: "",
  parties: ["KR", "MY"],
};
const COMMITMENT_FORM = {
  ref: "18",
  title: "A new pledge",
  description: "",
  quote: "",
  theme: "Trade",
  strength: "",
  owner: "",
  parties: ["KR"],
  targetDate: "2027-06-30",
  targetPrecision: "month",
  targetPhrase: "by mid-2027",
};

type Outcome = WriteResult<unknown> | Promise<WriteResult<unknown>>;

/** One row per write verb: how to call it with valid input. */
const MATRIX: Record<
  WriteVerb,
  {
    fn: (...args: never[]) => unknown;
    call: (db: Db, actorId: number | null) => Outcome;
    /** audit rows an allowed call writes (1 unless said; the verb's own row is the last) */
    audits?: number;
  }
> = {
  "status_update.create": {
    fn: statusUpdateVerbs.postStatusUpdate,
    call: (db, actorId) => {
      const id = ftaId(db);
      return statusUpdateVerbs.postStatusUpdate(
        db,
        actorId,
        {
          commitmentId: id,
          version: versionOf(db, id),
          submissionId: crypto.randomUUID(),
          status: "in_progress",
          progress: "40",
          happenedOn: "2026-11-01",
          note: "Matrix",
          evidence: [{ title: "Report", url: "https://example.org/r", publisher: "", publishedOn: "", kind: "media" }],
        },
        TODAY,
      );
    },
  },
  "evidence.create": {
    fn: evidenceVerbs.addEvidence,
    call: (db, actorId) => {
      const id = ftaId(db);
      return evidenceVerbs.addEvidence(
        db,
        actorId,
        {
          commitmentId: id,
          version: versionOf(db, id),
          submissionId: crypto.randomUUID(),
          title: "Another report",
          url: "https://example.org/another",
          publisher: "Example",
          publishedOn: "2026-01-02",
          kind: "official",
        },
        TODAY,
      );
    },
  },
  "evidence.delete": {
    fn: evidenceVerbs.removeEvidence,
    call: (db, actorId) => {
      const id = ftaId(db);
      return evidenceVerbs.removeEvidence(db, actorId, {
        commitmentId: id,
        version: versionOf(db, id),
        evidenceId: firstEvidenceId(db, id),
      });
    },
  },
  "evidence.restore": {
    fn: evidenceVerbs.restoreEvidence,
    call: (db, actorId) =>
      evidenceVerbs.restoreEvidence(db, actorId, {
        commitmentId: targets.removedEvidenceOf,
        version: versionOf(db, targets.removedEvidenceOf),
        evidenceId: targets.removedEvidence,
      }),
  },
  "agreement.create": {
    fn: agreementVerbs.createAgreement,
    call: (db, actorId) =>
      agreementVerbs.createAgreement(
        db,
        actorId,
        {
          ...AGREEMENT_FORM,
          slug: `new-${crypto.randomUUID().slice(0, 8)}`,
        },
        TODAY,
      ),
  },
  "agreement.update": {
    fn: agreementVerbs.updateAgreement,
    call: (db, actorId) =>
      agreementVerbs.updateAgreement(
        db,
        actorId,
        {
          ...AGREEMENT_FORM,
          slug: "kr-my-strategic-partnership-2024",
          agreementId: agreementId(db),
          updatedAt: agreementUpdatedAt(db),
        },
        TODAY,
      ),
  },
  "agreement.delete": {
    fn: agreementVerbs.deleteAgreement,
    call: (db, actorId) => agreementVerbs.deleteAgreement(db, actorId, { agreementId: agreementId(db) }),
  },
  "agreement.restore": {
    fn: agreementVerbs.restoreAgreement,
    call: (db, actorId) => agreementVerbs.restoreAgreement(db, actorId, { agreementId: targets.deletedAgreement }),
  },
  "commitment.create": {
    fn: commitmentVerbs.createCommitment,
    call: (db, actorId) =>
      commitmentVerbs.createCommitment(db, actorId, { ...COMMITMENT_FORM, agreementId: agreementId(db) }),
  },
  "commitment.update": {
    fn: commitmentVerbs.updateCommitment,
    call: (db, actorId) => {
      const id = ftaId(db);
      return commitmentVerbs.updateCommitment(
        db,
        actorId,
        { ...COMMITMENT_FORM, commitmentId: id, version: versionOf(db, id) },
        TODAY,
      );
    },
  },
  "commitment.delete": {
    fn: commitmentVerbs.deleteCommitment,
    call: (db, actorId) => {
      const id = ftaId(db);
      return commitmentVerbs.deleteCommitment(db, actorId, { commitmentId: id, version: versionOf(db, id) });
    },
  },
  "commitment.restore": {
    fn: commitmentVerbs.restoreCommitment,
    call: (db, actorId) =>
      commitmentVerbs.restoreCommitment(db, actorId, {
        commitmentId: targets.deletedCommitment,
        version: versionOf(db, targets.deletedCommitment),
      }),
  },
  "source_document.create": {
    fn: sourceDocumentVerbs.createSourceDocument,
    call: (db, actorId) =>
      sourceDocumentVerbs.createSourceDocument(db, actorId, {
        agreementId: agreementId(db),
        kind: "joint_statement",
        title: "Joint statement (full text)",
        url: "https://example.org/statement",
        publishedOn: "2024-11-25",
        text: "1. Both sides will conclude the FTA by next year.\n",
        format: "txt",
      }),
  },
  "import.start": {
    fn: importStartVerbs.startImport,
    call: (db, actorId) =>
      importStartVerbs.startImport(db, actorId, {
        agreementId: agreementId(db),
        title: "Joint statement",
        kind: "joint_statement",
        fileName: "statement.txt",
        source: IMPORT_SOURCE,
      }),
  },
  "import.candidate.update": {
    fn: importReviewVerbs.updateCandidate,
    call: (db, actorId) =>
      importReviewVerbs.updateCandidate(db, actorId, {
        candidateId: candidateIds(db)[0],
        ref: "1",
        title: "Conclude the FTA",
        theme: "Trade",
        strength: "binding",
        owner: "Trade ministries",
        parties: ["KR", "MY"],
        targetDate: "2025-12-31",
        targetPrecision: "year",
        targetPhrase: "by next year",
      }),
  },
  "import.candidate.decide": {
    fn: importReviewVerbs.decideCandidates,
    call: (db, actorId) =>
      importReviewVerbs.decideCandidates(db, actorId, {
        runId: targets.run,
        candidateIds: [String(candidateIds(db)[1])],
        decision: "rejected",
      }),
  },
  "import.candidate.accept_unflagged": {
    fn: importReviewVerbs.acceptUnflagged,
    call: (db, actorId) => importReviewVerbs.acceptUnflagged(db, actorId, { runId: targets.run }),
  },
  "import.candidate.split": {
    fn: importSpanVerbs.splitCandidate,
    call: (db, actorId) =>
      importSpanVerbs.splitCandidate(db, actorId, { candidateId: candidateIds(db)[0], firstPart: "Both sides agreed" }),
  },
  "import.candidate.merge": {
    fn: importSpanVerbs.mergeCandidates,
    call: (db, actorId) => {
      const [, second, third] = candidateIds(db);
      return importSpanVerbs.mergeCandidates(db, actorId, { candidateId: second, withId: third });
    },
  },
  "import.commit": {
    fn: importCommitVerbs.commitImport,
    call: (db, actorId) => importCommitVerbs.commitImport(db, actorId, { runId: targets.run }),
    // the source document, the commitment, the run
    audits: 3,
  },
  "user.create": {
    fn: userVerbs.createUser,
    call: (db, actorId) =>
      userVerbs.createUser(db, actorId, {
        email: `new-${crypto.randomUUID()}@example.org`,
        name: "New",
        role: "editor",
        password: "a long enough password",
      }),
  },
  "user.update": {
    fn: userVerbs.setUserRole,
    call: (db, actorId) => userVerbs.setUserRole(db, actorId, { userId: targets.active, role: "admin" }),
  },
  "user.disable": {
    fn: userVerbs.disableUser,
    call: (db, actorId) => userVerbs.disableUser(db, actorId, { userId: targets.active }),
  },
  "user.enable": {
    fn: userVerbs.enableUser,
    call: (db, actorId) => userVerbs.enableUser(db, actorId, { userId: targets.disabled }),
  },
  "user.reset_password": {
    fn: userVerbs.resetUserPassword,
    call: (db, actorId) =>
      userVerbs.resetUserPassword(db, actorId, { userId: targets.active, password: "another long password" }),
  },
};

/** Every table but the audit log, as rows, to prove a refusal changed nothing. */
function snapshot(db: Db) {
  const { auditLog: _auditLog, ...tables } = ALL_TABLES;
  return Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, db.select().from(table).all()]));
}
function auditRows(db: Db) {
  return db.select().from(schema.auditLog).all();
}

type ActorKind = "viewer" | "editor" | "admin" | "disabled editor" | "disabled admin";
const ACTORS: { kind: ActorKind; role: UserRole | null; disabled: boolean }[] = [
  { kind: "viewer", role: null, disabled: false },
  { kind: "editor", role: "editor", disabled: false },
  { kind: "admin", role: "admin", disabled: false },
  { kind: "disabled editor", role: "editor", disabled: true },
  { kind: "disabled admin", role: "admin", disabled: true },
];

let t: TempDb;
const ids: Partial<Record<ActorKind, number>> = {};

beforeEach(async () => {
  t = createTempDb();
  ids.editor = await insertUser(t.db, "editor@example.org", "editor");
  ids.admin = await insertUser(t.db, "admin@example.org", "admin");
  ids["disabled editor"] = await insertUser(t.db, "gone-editor@example.org", "editor", { disabled: true });
  ids["disabled admin"] = await insertUser(t.db, "gone-admin@example.org", "admin", { disabled: true });
  targets.active = await insertUser(t.db, "target@example.org", "editor");
  targets.disabled = await insertUser(t.db, "target-gone@example.org", "editor", { disabled: true });
  targets.deletedAgreement = t.db
    .insert(schema.agreements)
    .values({ slug: "gone", title: "Gone", kind: "MoU", deletedAt: "2026-01-01T00:00:00.000Z" })
    .returning()
    .get().id;
  targets.deletedCommitment =
    t.db
      .update(schema.commitments)
      .set({ deletedAt: "2026-01-01T00:00:00.000Z" })
      .where(eq(schema.commitments.ref, "5"))
      .returning()
      .get()?.id ?? 0;
  const removed = t.db
    .update(schema.evidence)
    .set({ deletedAt: "2026-01-01T00:00:00.000Z" })
    .where(eq(schema.evidence.publisher, "New Straits Times"))
    .returning()
    .all()
    .find((e) => e.statusUpdateId === null);
  targets.removedEvidence = removed?.id ?? 0;
  targets.removedEvidenceOf = removed?.commitmentId ?? 0;
  const run = await importStartVerbs.startImport(t.db, ids.admin, {
    agreementId: agreementId(t.db),
    fileName: "statement.txt",
    source: IMPORT_SOURCE,
  });
  if (!run.ok || run.data.state !== "review") throw new Error(`matrix import failed: ${JSON.stringify(run)}`);
  targets.run = run.data.runId;
  // One accepted candidate for import.commit (the first pledge).
  t.db
    .update(importCandidates)
    .set({ decision: "accepted" })
    .where(eq(importCandidates.id, candidateIds(t.db)[0] ?? 0))
    .run();
});
afterEach(() => t.cleanup());

describe("the matrix covers every write", () => {
  it("has a row for every verb of lib/permissions.ts", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(WRITE_VERBS).sort());
  });

  it("has a row for every write function exported by db/mutations/", async () => {
    const dir = path.join(process.cwd(), "db/mutations");
    const covered = new Set<unknown>(Object.values(MATRIX).map((row) => row.fn));
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "guard.ts")) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === "function")
          expect(covered.has(value), `${file}: ${name} has no row in the matrix`).toBe(true);
      }
    }
  });

  it("every write function calls the guard and writes an audit row (source check)", () => {
    const dir = path.join(process.cwd(), "db/mutations");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "guard.ts")) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      const exported = [...source.matchAll(/export (?:async )?function (\w+)\(/g)].map((m) => m[0]);
      for (const head of exported) {
        const name = head.replace(/^export (async )?function /, "").replace("(", "");
        const body = source.slice(source.indexOf(head)).split(/\nexport (?:async )?function /)[0] ?? "";
        expect(body, `${file}: ${name} must call authorize() first`).toMatch(/const guard = authorize\(/);
        expect(body, `${file}: ${name} must write its audit row`).toMatch(/writeAudit\(tx,/);
      }
    }
  });
});

describe.each(Object.keys(MATRIX) as WriteVerb[])("%s", (verb) => {
  it.each(ACTORS)("$kind", async ({ kind, role, disabled }) => {
    const actorId = kind === "viewer" ? null : (ids[kind] ?? null);
    const allowed = !disabled && can(role, verb);
    const before = snapshot(t.db);
    const auditBefore = auditRows(t.db).length;

    const result = await MATRIX[verb].call(t.db, actorId);
    const audit = auditRows(t.db);

    if (allowed) {
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect(audit).toHaveLength(auditBefore + (MATRIX[verb].audits ?? 1));
      expect(audit.at(-1)).toMatchObject({ action: verb, actorId });
    } else {
      expect(result).toMatchObject({ ok: false, kind: role === null || disabled ? "unauthenticated" : "forbidden" });
      expect(snapshot(t.db)).toEqual(before);
      expect(audit).toHaveLength(auditBefore + 1);
      expect(audit.at(-1)).toMatchObject({ action: "access.denied", actorId });
    }
  });

  it("commits nothing when its audit row cannot be written (one transaction)", async () => {
    t.db.$client.exec(
      `CREATE TRIGGER audit_down BEFORE INSERT ON audit_log WHEN NEW.action = '${verb}' BEGIN SELECT RAISE(ABORT, 'audit down'); END;`,
    );
    const before = snapshot(t.db);
    await expect(async () => MATRIX[verb].call(t.db, ids.admin ?? null)).rejects.toThrow(/audit down/);
    expect(snapshot(t.db)).toEqual(before);
  });
});

describe("roles", () => {
  it("re-reads the user on every call: disabling applies at once", async () => {
    const editor = ids.editor ?? 0;
    expect((await MATRIX["status_update.create"].call(t.db, editor)).ok).toBe(true);
    t.db.update(schema.users).set({ disabledAt: new Date().toISOString() }).where(eq(schema.users.id, editor)).run();
    expect(await MATRIX["status_update.create"].call(t.db, editor)).toMatchObject({
      ok: false,
      kind: "unauthenticated",
    });
    expect(t.db.select({ n: count() }).from(schema.statusUpdates).get()?.n).toBe(17);
  });

  it("re-reads the user on every call: a role change applies at once", async () => {
    const admin = ids.admin ?? 0;
    const editor = ids.editor ?? 0;
    expect((await MATRIX["user.update"].call(t.db, editor)).ok).toBe(false);
    expect((await userVerbs.setUserRole(t.db, admin, { userId: editor, role: "admin" })).ok).toBe(true);
    expect((await MATRIX["user.update"].call(t.db, editor)).ok).toBe(true);
  });
});
