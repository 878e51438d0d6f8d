/**
 * Optimistic versioning of the import review (issue 10): two reviewers open the same candidate;
 * the first one's change wins, the second one's form (the older version) is refused with a clear
 * message and writes nothing — an edit, a decision, a split or a merge.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { decideCandidates, updateCandidate } from "@/db/mutations/import-review";
import { mergeCandidates, splitCandidate } from "@/db/mutations/import-spans";

import { candidates, lastAuditId, setupImportDb, start } from "../support/import-review";
import type { TempDb } from "../support/temp-db";

let t: TempDb;
let admin: number;

beforeEach(async () => {
  ({ t, admin } = await setupImportDb());
});
afterEach(() => t.cleanup());

const STALE = {
  ok: false,
  kind: "conflict",
  message: "This candidate was changed by someone else; reload to see it.",
};

describe("candidate versions", () => {
  it("refuses the second editor's stale edit, decision, split and merge, writing nothing", async () => {
    const run = await start(t.db);
    const [a, b] = candidates(t.db, run.runId).filter((c) => c.kind === "pledge" && c.decision === "proposed");
    expect(a!.version).toBe(1);
    const shown = a!.version;
    const form = {
      candidateId: a!.id,
      version: shown,
      ref: "3",
      title: "First editor's title",
      theme: "Trade",
      strength: "binding",
      owner: "Trade ministries",
      parties: ["KR", "TH"],
      targetDate: "2024-12-31",
      targetPrecision: "year",
      targetPhrase: "before the end of this year",
    };
    const first = updateCandidate(t.db, admin, form);
    expect(first).toMatchObject({ ok: true, data: { unchanged: false } });
    const after = candidates(t.db, run.runId).find((c) => c.id === a!.id)!;
    expect(after.version).toBe(2);

    const since = lastAuditId(t.db);
    const second = updateCandidate(t.db, admin, { ...form, title: "Second editor's title" });
    expect(second).toMatchObject({ ...STALE, currentVersion: 2 });
    expect(
      decideCandidates(t.db, admin, { runId: run.runId, candidateIds: [a!.id], decision: "accepted", version: shown }),
    ).toMatchObject(STALE);
    expect(splitCandidate(t.db, admin, { candidateId: a!.id, version: shown, at: "5" })).toMatchObject(STALE);
    expect(
      mergeCandidates(t.db, admin, { candidateId: b!.id, version: b!.version, withId: a!.id, withVersion: shown }),
    ).toMatchObject(STALE);
    expect(candidates(t.db, run.runId).find((c) => c.id === a!.id)).toEqual(after);
    expect(lastAuditId(t.db)).toBe(since);

    // With the version the page now shows, the second editor's decision goes through.
    expect(
      decideCandidates(t.db, admin, { runId: run.runId, candidateIds: [a!.id], decision: "accepted", version: 2 }),
    ).toMatchObject({ ok: true });
    expect(candidates(t.db, run.runId).find((c) => c.id === a!.id)).toMatchObject({ decision: "accepted", version: 3 });
  });
});
