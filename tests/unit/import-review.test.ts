/**
 * The import review's write verbs against a real SQLite file (issue 10): a run and its candidates,
 * failed runs, edits, decisions, split and merge (offsets exact), and the commit — commitments with
 * anchors, status "not yet assessed" and audit rows in one transaction, all or nothing — and
 * re-imports that create nothing twice.
 */
import fs from "node:fs";
import path from "node:path";

import { and, asc, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "@/db/client";
import { createAgreement } from "@/db/mutations/agreements";
import { commitImport } from "@/db/mutations/import-commit";
import { acceptUnflagged, decideCandidates, updateCandidate } from "@/db/mutations/import-review";
import { mergeCandidates, splitCandidate } from "@/db/mutations/import-spans";
import { startImport } from "@/db/mutations/import-start";
import { auditLog, commitmentParties, commitments, sourceDocuments } from "@/db/schema";
import { importCandidates, importRuns } from "@/db/schema-import";
import { extractCandidates } from "@/lib/import/candidates";
import { partyNamesFor } from "@/lib/import/party-names";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

const FIXTURE = path.join(process.cwd(), "tests/fixtures/import/kr-th-2024-joint-statement.txt");
const STATEMENT = fs.readFileSync(FIXTURE, "utf8");
const SOURCE = { text: STATEMENT, format: "txt", encoding: "UTF-8", encodingGuessed: false, notes: [] };

let t: TempDb;
let admin: number;
let editor: number;
let agreementId: number;

beforeEach(async () => {
  t = createTempDb();
  admin = await insertUser(t.db, "admin@example.org", "admin");
  editor = await insertUser(t.db, "editor@example.org", "editor");
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
  agreementId = created.data.agreementId;
});
afterEach(() => t.cleanup());

async function start(db: Db, extra: Record<string, unknown> = {}) {
  const r = await startImport(db, admin, {
    agreementId,
    title: "Joint Statement (KR–TH)",
    kind: "joint_statement",
    fileName: "kr-th.txt",
    source: SOURCE,
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}
function candidates(db: Db, runId: number) {
  return db
    .select()
    .from(importCandidates)
    .where(eq(importCandidates.runId, runId))
    .orderBy(asc(importCandidates.start))
    .all();
}
function textOf(db: Db, runId: number): string {
  return db.select({ text: importRuns.text }).from(importRuns).where(eq(importRuns.id, runId)).get()?.text ?? "";
}
function liveCount(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(commitments)
      .where(and(eq(commitments.agreementId, agreementId), eq(commitments.live, 1)))
      .get()?.n ?? 0
  );
}
function actions(db: Db, since: number) {
  return db
    .select({ id: auditLog.id, action: auditLog.action })
    .from(auditLog)
    .orderBy(asc(auditLog.id))
    .all()
    .filter((a) => a.id > since)
    .map((a) => a.action);
}
function lastAuditId(db: Db): number {
  return db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
}

describe("import.start", () => {
  it("stores the run and the extractor's candidates, positions rejected, nothing in commitments", async () => {
    const before = liveCount(t.db);
    const run = await start(t.db);
    expect(run.state).toBe("review");
    const rows = candidates(t.db, run.runId);
    const expected = extractCandidates(STATEMENT, {
      documentDate: "2024-09-06",
      parties: partyNamesFor(["KR", "TH"]),
    });
    expect(rows).toHaveLength(expected.length);
    expect(run.candidateCount).toBe(expected.length);
    expect(rows.map((r) => [r.start, r.end, r.kind])).toEqual(expected.map((c) => [c.start, c.end, c.kind]));
    for (const r of rows) {
      expect(STATEMENT.slice(r.start, r.end)).toBe(r.quote);
      expect(r.decision).toBe(r.kind === "position" ? "rejected" : "proposed");
    }
    // Korean survives intact, in the run and in its candidates.
    expect(textOf(t.db, run.runId)).toBe(STATEMENT);
    expect(rows.some((r) => r.quote.includes("경제동반자협정(EPA)을 체결하기로 합의하였다"))).toBe(true);
    expect(rows.map((r) => [r.targetDate, r.targetPrecision, r.targetPhrase, r.strength, r.parties])).toEqual(
      expected.map((c) => [c.targetDate, c.targetPrecision, c.deadlinePhrase ?? "", c.strength, c.parties]),
    );
    expect(run.sentenceCount).toBeGreaterThan(rows.length / 2);
    expect(liveCount(t.db)).toBe(before);
    expect(t.db.select().from(sourceDocuments).where(eq(sourceDocuments.agreementId, agreementId)).all()).toEqual([]);
  });

  it("records a refused text as a failed run with its problem, field and message, and no text", async () => {
    const r = await startImport(t.db, admin, {
      agreementId,
      fileName: "scan.pdf",
      failure: { problem: "scanned_pdf", field: "file", message: "This PDF has no text layer." },
    });
    expect(r).toMatchObject({ ok: true, data: { state: "failed", candidateCount: 0 } });
    const run = t.db.select().from(importRuns).all().at(-1)!;
    expect(run).toMatchObject({
      state: "failed",
      text: null,
      errorProblem: "scanned_pdf",
      errorField: "file",
      errorMessage: "This PDF has no text layer.",
    });
    expect(actions(t.db, 0).at(-1)).toBe("import.start");
  });

  it("fails at the date field when neither the document nor the agreement has a date", async () => {
    t.db.$client.prepare("UPDATE agreements SET signed_on = NULL WHERE id = ?").run(agreementId);
    const r = await start(t.db);
    expect(r.state).toBe("failed");
    expect(r.error).toMatchObject({ problem: "invalid", field: "publishedOn" });
    expect((await start(t.db, { publishedOn: "2024-09-06" })).state).toBe("review");
  });

  it("refuses an editor, and a deleted agreement, writing no run", async () => {
    expect(await startImport(t.db, editor, { agreementId, source: SOURCE })).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    t.db.$client.prepare("UPDATE agreements SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").run(agreementId);
    expect(await startImport(t.db, admin, { agreementId, source: SOURCE })).toMatchObject({ kind: "not_found" });
    expect(t.db.select().from(importRuns).all()).toEqual([]);
  });
});

describe("review", () => {
  it("edits a candidate by the commitment form's rules, and refuses a target before the signing", async () => {
    const run = await start(t.db);
    const c = candidates(t.db, run.runId).find((r) => r.kind === "pledge")!;
    const form = {
      candidateId: c.id,
      ref: "3",
      title: "Convene the Joint Trade Committee",
      theme: "Trade",
      strength: "binding",
      owner: "Trade ministries",
      parties: ["KR", "TH"],
      targetDate: "2024-12-31",
      targetPrecision: "year",
      targetPhrase: "before the end of this year",
    };
    expect(updateCandidate(t.db, admin, form)).toMatchObject({ ok: true, data: { unchanged: false } });
    const saved = candidates(t.db, run.runId).find((r) => r.id === c.id)!;
    expect(saved).toMatchObject({
      title: "Convene the Joint Trade Committee",
      edited: true,
      owner: "Trade ministries",
    });
    expect(saved.quote).toBe(c.quote);
    expect(updateCandidate(t.db, admin, form)).toMatchObject({ ok: true, data: { unchanged: true } });
    expect(updateCandidate(t.db, admin, { ...form, targetDate: "2024-01-31", targetPrecision: "month" })).toMatchObject(
      {
        ok: false,
        fieldErrors: { targetDate: ["Target date 2024-01-31 is before the agreement was signed (2024-09-06)"] },
      },
    );
    expect(updateCandidate(t.db, admin, { ...form, parties: ["US"] })).toMatchObject({
      ok: false,
      fieldErrors: { parties: ["Choose parties of this agreement"] },
    });
    expect(updateCandidate(t.db, admin, { ...form, title: "" })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["The title is required"] },
    });
  });

  it("accepts all not flagged: undecided pledges without a flag, never positions", async () => {
    const run = await start(t.db);
    const before = candidates(t.db, run.runId);
    const r = acceptUnflagged(t.db, admin, { runId: run.runId });
    const expected = before.filter((c) => c.kind === "pledge" && c.flags.length === 0);
    expect(r).toMatchObject({ ok: true, data: { accepted: expected.length } });
    expect(expected.length).toBeGreaterThan(0);
    for (const c of candidates(t.db, run.runId))
      expect(c.decision).toBe(
        expected.some((e) => e.id === c.id) ? "accepted" : c.kind === "position" ? "rejected" : "proposed",
      );
  });

  it("decides some candidates, leaving imported ones and other runs' alone", async () => {
    const run = await start(t.db);
    const other = await start(t.db);
    const [a, b] = candidates(t.db, run.runId);
    const foreign = candidates(t.db, other.runId)[0]!;
    const r = decideCandidates(t.db, admin, {
      runId: run.runId,
      candidateIds: [String(a!.id), String(b!.id), String(foreign.id)],
      decision: "accepted",
    });
    expect(r).toMatchObject({ ok: true, data: { untouched: [foreign.id] } });
    expect(candidates(t.db, other.runId)[0]!.decision).toBe(foreign.decision);
    expect(decideCandidates(t.db, admin, { runId: run.runId, candidateIds: [], decision: "accepted" })).toMatchObject({
      ok: false,
      kind: "invalid",
    });
  });

  it("splits at a boundary or after typed words; the parts are exact slices and replace the whole", async () => {
    const run = await start(t.db);
    const text = textOf(t.db, run.runId);
    const c = candidates(t.db, run.runId).find((r) => r.quote.startsWith("The Korean side will send"))!;
    expect(c).toBeDefined();
    const r = splitCandidate(t.db, admin, { candidateId: c.id, firstPart: "The Korean  side will send an investment" });
    expect(r.ok).toBe(true);
    const parts = candidates(t.db, run.runId).filter((x) => x.start >= c.start && x.end <= c.end);
    expect(parts.map((p) => p.quote)).toEqual([
      "The Korean side will send an investment",
      c.quote.slice("The Korean side will send an investment".length).trim(),
    ]);
    for (const p of parts) {
      expect(text.slice(p.start, p.end)).toBe(p.quote);
      expect(p.decision).toBe("proposed");
    }
    // The second part holds "in Q1 2025": it keeps its own deadline.
    expect(parts[1]).toMatchObject({ targetDate: "2025-03-31", targetPrecision: "quarter" });
    expect(candidates(t.db, run.runId).some((x) => x.id === c.id)).toBe(false);
    // A split by offset; and refusals.
    const p = parts[1]!;
    const at = p.quote.indexOf(" to ") + 1;
    expect(splitCandidate(t.db, admin, { candidateId: p.id, at })).toMatchObject({ ok: true });
    expect(splitCandidate(t.db, admin, { candidateId: parts[0]!.id, at: 0 })).toMatchObject({
      ok: false,
      fieldErrors: { at: ["Split inside the quote, leaving words on both sides"] },
    });
    expect(splitCandidate(t.db, admin, { candidateId: parts[0]!.id, firstPart: "Thailand will" })).toMatchObject({
      ok: false,
      fieldErrors: { firstPart: ["The quote does not begin with these words: copy them from its beginning"] },
    });
    expect(splitCandidate(t.db, admin, { candidateId: c.id, at: 3 })).toMatchObject({ kind: "not_found" });
  });

  it("merges neighbours into one span covering both; refuses others", async () => {
    const run = await start(t.db);
    const text = textOf(t.db, run.runId);
    const list = candidates(t.db, run.runId);
    const i = list.findIndex((r, k) => k + 1 < list.length && list[k + 1]!.paragraphIndex === r.paragraphIndex);
    const [a, b] = [list[i]!, list[i + 1]!];
    const r = mergeCandidates(t.db, admin, { candidateId: b.id, withId: a.id });
    expect(r.ok).toBe(true);
    const merged = candidates(t.db, run.runId).find((x) => x.start === a.start)!;
    expect(merged).toMatchObject({ start: a.start, end: b.end, decision: "proposed" });
    expect(merged.quote).toBe(text.slice(a.start, b.end));
    expect(merged.parties).toEqual([...new Set([...a.parties, ...b.parties])]);
    const now = candidates(t.db, run.runId);
    const far = now.find((x) => x.paragraphIndex > merged.paragraphIndex + 1)!;
    expect(mergeCandidates(t.db, admin, { candidateId: merged.id, withId: far.id })).toMatchObject({
      ok: false,
      kind: "invalid",
    });
    const j = now.findIndex((x) => x.id === merged.id);
    if (j > 0 && j + 1 < now.length)
      expect(mergeCandidates(t.db, admin, { candidateId: now[j - 1]!.id, withId: now[j + 1]!.id })).toMatchObject({
        ok: false,
      });
  });
});

describe("import.commit", () => {
  it("creates the accepted candidates' commitments with anchors, status not yet assessed, audit rows", async () => {
    const run = await start(t.db);
    const list = candidates(t.db, run.runId).filter((c) => c.kind === "pledge");
    const chosen = list.slice(0, 3);
    decideCandidates(t.db, admin, { runId: run.runId, candidateIds: chosen.map((c) => c.id), decision: "accepted" });
    const before = liveCount(t.db);
    const since = lastAuditId(t.db);
    const r = commitImport(t.db, admin, { runId: run.runId });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.data.created).toHaveLength(3);
    expect(r.data.skipped).toEqual([]);
    expect(r.data.documentCreated).toBe(true);
    expect(liveCount(t.db)).toBe(before + 3);
    expect(actions(t.db, since)).toEqual([
      "source_document.create",
      "commitment.create",
      "commitment.create",
      "commitment.create",
      "import.commit",
    ]);
    const doc = t.db.select().from(sourceDocuments).where(eq(sourceDocuments.id, r.data.sourceDocumentId!)).get()!;
    expect(doc).toMatchObject({
      agreementId,
      kind: "joint_statement",
      title: "Joint Statement (KR–TH)",
      text: STATEMENT,
    });
    for (const [k, c] of chosen.entries()) {
      const made = t.db.select().from(commitments).where(eq(commitments.id, r.data.created[k]!.commitmentId)).get()!;
      expect(made).toMatchObject({
        status: "not_assessed",
        sourceDocumentId: doc.id,
        anchorStart: c.start,
        anchorEnd: c.end,
        quote: c.quote,
        ref: c.ref,
        title: c.title,
        theme: c.theme,
        targetDate: c.targetDate,
      });
      expect(doc.text.slice(made.anchorStart!, made.anchorEnd!)).toBe(made.quote);
      const owed = t.db
        .select({ code: commitmentParties.partyCode })
        .from(commitmentParties)
        .where(eq(commitmentParties.commitmentId, made.id))
        .all()
        .map((p) => p.code)
        .sort();
      expect(owed).toEqual([...c.parties].sort());
    }
    const after = candidates(t.db, run.runId).filter((c) => chosen.some((x) => x.id === c.id));
    expect(after.every((c) => c.decision === "imported" && c.commitmentId !== null)).toBe(true);
    // A second commit of more accepted candidates reuses the document.
    decideCandidates(t.db, admin, { runId: run.runId, candidateIds: [list[3]!.id], decision: "accepted" });
    const again = commitImport(t.db, admin, { runId: run.runId });
    expect(again).toMatchObject({ ok: true, data: { documentCreated: false, sourceDocumentId: doc.id } });
    expect(commitImport(t.db, admin, { runId: run.runId })).toMatchObject({ ok: false, kind: "invalid" });
  });

  it("is all or nothing: one refused candidate is named and nothing is written", async () => {
    const run = await start(t.db);
    const [a, b] = candidates(t.db, run.runId).filter((c) => c.kind === "pledge");
    decideCandidates(t.db, admin, { runId: run.runId, candidateIds: [a!.id, b!.id], decision: "accepted" });
    t.db.$client
      .prepare("UPDATE import_candidates SET target_date = '2020-12-31', target_precision = 'year' WHERE id = ?")
      .run(b!.id);
    const before = {
      live: liveCount(t.db),
      docs: t.db.select().from(sourceDocuments).all().length,
      audit: lastAuditId(t.db),
    };
    const r = commitImport(t.db, admin, { runId: run.runId });
    expect(r).toMatchObject({ ok: false, kind: "invalid" });
    if (r.ok) return;
    expect(r.message).toContain(b!.quote.slice(0, 30));
    expect(r.message).toContain("before the agreement was signed");
    expect(Object.keys(r.kind === "invalid" ? r.fieldErrors : {})).toEqual([`candidate-${b!.id}`]);
    expect(liveCount(t.db)).toBe(before.live);
    expect(t.db.select().from(sourceDocuments).all()).toHaveLength(before.docs);
    expect(lastAuditId(t.db)).toBe(before.audit);
    expect(candidates(t.db, run.runId).filter((c) => c.decision === "imported")).toEqual([]);
  });

  it("re-importing the same text creates nothing new and names what it skipped", async () => {
    const first = await start(t.db);
    acceptUnflagged(t.db, admin, { runId: first.runId });
    const done = commitImport(t.db, admin, { runId: first.runId });
    if (!done.ok) throw new Error(JSON.stringify(done));
    const imported = done.data.created.length;
    expect(imported).toBeGreaterThan(2);
    const live = liveCount(t.db);

    // The same text again: every imported passage is found by its anchor, before review.
    const second = await start(t.db);
    expect(second.duplicates).toHaveLength(imported);
    expect(second.duplicates.every((d) => d.reason === "passage")).toBe(true);
    const rows = candidates(t.db, second.runId);
    expect(
      rows
        .filter((c) => c.decision === "duplicate")
        .map((c) => c.duplicateOf)
        .sort(),
    ).toEqual(done.data.created.map((c) => c.commitmentId).sort());
    const accept = acceptUnflagged(t.db, admin, { runId: second.runId });
    expect(accept).toMatchObject({ ok: true, data: { accepted: 0 } });
    expect(liveCount(t.db)).toBe(live);

    // The same words in another text (a heading added, line ends changed): found by their words.
    const edited = `Draft for the record\n\n${STATEMENT.replace(/\n/g, "\r\n")}`;
    const third = await start(t.db, { source: { ...SOURCE, text: edited } });
    expect(third.duplicates).toHaveLength(imported);
    expect(third.duplicates.every((d) => d.reason === "words")).toBe(true);
    // Accepting a repeat anyway (decided before a commit elsewhere) is skipped at commit.
    const fresh = candidates(t.db, third.runId).find((c) => c.decision === "proposed" && c.kind === "pledge")!;
    expect(fresh).toBeDefined();
    decideCandidates(t.db, admin, { runId: third.runId, candidateIds: [fresh.id], decision: "accepted" });
    const twin = candidates(t.db, second.runId).find((c) => c.quote === fresh.quote)!;
    decideCandidates(t.db, admin, { runId: second.runId, candidateIds: [twin.id], decision: "accepted" });
    const c2 = commitImport(t.db, admin, { runId: second.runId });
    expect(c2).toMatchObject({ ok: true, data: { skipped: [], documentCreated: false } });
    const c3 = commitImport(t.db, admin, { runId: third.runId });
    expect(c3).toMatchObject({
      ok: true,
      data: {
        created: [],
        documentCreated: false,
        sourceDocumentId: null,
        skipped: [
          { candidateId: fresh.id, reason: "words", commitmentId: c2.ok ? c2.data.created[0]!.commitmentId : 0 },
        ],
      },
    });
    expect(liveCount(t.db)).toBe(live + 1);
    // The second run reused the first run's document (same text); the third made none.
    expect(t.db.select().from(sourceDocuments).where(eq(sourceDocuments.agreementId, agreementId)).all()).toHaveLength(
      1,
    );
  });

  it("flags a re-proposed part of a merged import as an overlap, which accept-all-unflagged leaves", async () => {
    const first = await start(t.db);
    const list = candidates(t.db, first.runId);
    const a = list.find((c) => c.quote.includes("convene the first meeting of the Joint Trade Committee"))!;
    const b = list[list.indexOf(a) + 1]!;
    expect(a.flags).toEqual([]);
    expect(b.flags).toEqual([]);
    const merged = mergeCandidates(t.db, admin, { candidateId: a.id, withId: b.id });
    if (!merged.ok) throw new Error(JSON.stringify(merged));
    decideCandidates(t.db, admin, { runId: first.runId, candidateIds: merged.data.candidateIds, decision: "accepted" });
    expect(commitImport(t.db, admin, { runId: first.runId })).toMatchObject({ ok: true });

    const second = await start(t.db);
    expect(second.duplicates).toEqual([]);
    const again = candidates(t.db, second.runId);
    const parts = again.filter((c) => c.start >= a.start && c.end <= b.end);
    expect(parts.map((c) => c.quote)).toEqual([a.quote, b.quote]);
    for (const c of parts) expect(c.flags).toContain("overlap");
    acceptUnflagged(t.db, admin, { runId: second.runId });
    for (const c of candidates(t.db, second.runId).filter((x) => parts.some((p) => p.id === x.id)))
      expect(c.decision).toBe("proposed");
  });

  it("skips the second of two accepted candidates with the same words in one commit", async () => {
    const text =
      "1. Both sides will open a joint trade office in Bangkok by 2026.\n\n2. Both sides will open a joint trade office in Bangkok by 2026.\n";
    const run = await start(t.db, { source: { ...SOURCE, text } });
    expect(run.candidateCount).toBe(2);
    acceptUnflagged(t.db, admin, { runId: run.runId });
    const [a, b] = candidates(t.db, run.runId);
    const r = commitImport(t.db, admin, { runId: run.runId });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.data.created.map((c) => c.candidateId)).toEqual([a!.id]);
    expect(r.data.skipped).toEqual([
      { candidateId: b!.id, commitmentId: r.data.created[0]!.commitmentId, reason: "words", quote: b!.quote },
    ]);
    expect(candidates(t.db, run.runId).map((c) => c.decision)).toEqual(["imported", "duplicate"]);
  });
});
