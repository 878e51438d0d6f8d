/**
 * `import.commit` against a real SQLite file (issue 10): commitments with anchors, status "not yet
 * assessed" and audit rows in one transaction, all or nothing; re-imports that create nothing twice
 * (same passage, same words) and flag overlaps.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { commitImport } from "@/db/mutations/import-commit";
import { acceptUnflagged, decideCandidates } from "@/db/mutations/import-review";
import { mergeCandidates } from "@/db/mutations/import-spans";
import { commitmentParties, commitments, sourceDocuments } from "@/db/schema";

import {
  actions,
  candidates,
  lastAuditId,
  liveCount,
  setupImportDb,
  SOURCE,
  start,
  STATEMENT,
} from "../support/import-review";
import type { TempDb } from "../support/temp-db";

let t: TempDb;
let admin: number;
let agreementId: number;

beforeEach(async () => {
  ({ t, admin, agreementId } = await setupImportDb());
});
afterEach(() => t.cleanup());

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

  it("creates at most a batch per commit, in text order, and says how many accepted remain", async () => {
    const run = await start(t.db);
    const accepted = acceptUnflagged(t.db, admin, { runId: run.runId });
    if (!accepted.ok) throw new Error(JSON.stringify(accepted));
    const n = accepted.data.accepted;
    expect(n).toBeGreaterThan(3);
    const before = liveCount(t.db);
    // 37,016 accepted candidates in one transaction ran out of the server's heap (192 MB) after
    // holding the write lock for over a minute; a batch keeps both bounded.
    const first = commitImport(t.db, admin, { runId: run.runId }, { batch: 2 });
    expect(first).toMatchObject({ ok: true, data: { remaining: n - 2 } });
    if (!first.ok) return;
    expect(first.data.created).toHaveLength(2);
    const inOrder = candidates(t.db, run.runId).filter((c) => c.decision === "imported" || c.decision === "accepted");
    expect(first.data.created.map((c) => c.candidateId)).toEqual(inOrder.slice(0, 2).map((c) => c.id));
    expect(liveCount(t.db)).toBe(before + 2);
    const rest = commitImport(t.db, admin, { runId: run.runId });
    expect(rest).toMatchObject({ ok: true, data: { remaining: 0 } });
    if (rest.ok) expect(rest.data.created.length + rest.data.skipped.length).toBe(n - 2);
    expect(liveCount(t.db)).toBe(before + 2 + (rest.ok ? rest.data.created.length : 0));
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
