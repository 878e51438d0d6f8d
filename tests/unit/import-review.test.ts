/**
 * The import review's write verbs against a real SQLite file (issue 10): a run and its candidates,
 * failed runs, edits, decisions, split and merge (offsets exact). The commit and re-imports:
 * tests/unit/import-commit.test.ts.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { commitImport } from "@/db/mutations/import-commit";
import { acceptUnflagged, decideCandidates, updateCandidate } from "@/db/mutations/import-review";
import { mergeCandidates, splitCandidate } from "@/db/mutations/import-spans";
import { startImport } from "@/db/mutations/import-start";
import { recentRuns } from "@/db/queries/import";
import { sourceDocuments } from "@/db/schema";
import { importRuns } from "@/db/schema-import";
import { extractCandidates } from "@/lib/import/candidates";
import { partyNamesFor } from "@/lib/import/party-names";

import {
  actions,
  candidates,
  liveCount,
  setupImportDb,
  SOURCE,
  start,
  STATEMENT,
  textOf,
} from "../support/import-review";
import type { TempDb } from "../support/temp-db";

let t: TempDb;
let admin: number;
let editor: number;
let agreementId: number;

beforeEach(async () => {
  ({ t, admin, editor, agreementId } = await setupImportDb());
});
afterEach(() => t.cleanup());

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
    expect(updateCandidate(t.db, admin, { ...form, title: "x".repeat(10_000) })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["At most 300 characters"] },
    });
    expect(updateCandidate(t.db, admin, { ...form, targetDate: "2025-02-30" })).toMatchObject({
      ok: false,
      fieldErrors: { targetDate: ["Enter a real date as YYYY-MM-DD"] },
    });
    // Control characters (a NUL, a terminal escape) are refused at their field, never stored.
    for (const [field, value] of [
      ["title", "Convene\u0000 the committee"],
      ["owner", "Trade \u001b[31mministries"],
      ["targetPhrase", "by\u0007 2025"],
    ] as const)
      expect(updateCandidate(t.db, admin, { ...form, [field]: value })).toMatchObject({
        ok: false,
        fieldErrors: { [field]: [expect.stringContaining("control character")] },
      });
    expect(candidates(t.db, run.runId).find((r) => r.id === c.id)!.title).toBe("Convene the Joint Trade Committee");
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
      fieldErrors: {
        firstPart: [
          "The quote does not begin with these words, or they end inside a word: copy whole words from its beginning",
        ],
      },
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

describe("recentRuns (the review page's 'Earlier imports')", () => {
  it("counts each run's own candidates and the ones imported from it", { timeout: 60_000 }, async () => {
    const first = await start(t.db);
    const accepted = acceptUnflagged(t.db, admin, { runId: first.runId });
    expect(accepted.ok).toBe(true);
    const committed = commitImport(t.db, admin, { runId: first.runId });
    expect(committed.ok).toBe(true);
    const made = committed.ok ? committed.data.created.length : -1;
    const second = await start(t.db);
    const runs = recentRuns(t.db, agreementId);
    expect(runs.map((r) => [r.id, r.candidates, r.imported])).toEqual([
      [second.runId, candidates(t.db, second.runId).length, 0],
      [first.runId, candidates(t.db, first.runId).length, made],
    ]);
    expect(made).toBeGreaterThan(1);
    expect(candidates(t.db, first.runId).length).toBeGreaterThan(made);
  });
});
