/**
 * A failed extraction (a bug in a rule throws) is an error the page shows, never "0 commitments":
 * `import.start` records a failed run with the message and no candidates (issue 10). The extractor
 * is replaced by one that throws; the database is a real SQLite file.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { startImport } from "@/db/mutations/import-start";
import { importCandidates, importRuns } from "@/db/schema-import";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

vi.mock("@/lib/import/extract-progress", async (original) => ({
  ...(await original<typeof import("@/lib/import/extract-progress")>()),
  extractWithProgress: () => Promise.reject(new Error("rule C7 went wrong")),
}));

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe("a failed extraction", () => {
  it("is a failed run naming the failure, with no candidates and no text", async () => {
    const admin = await insertUser(t.db, "admin@example.org", "admin");
    const r = await startImport(t.db, admin, {
      agreementId: 1,
      fileName: "statement.txt",
      source: { text: "1. Both sides will act.", format: "txt", encoding: "UTF-8", encodingGuessed: false, notes: [] },
    });
    expect(r).toMatchObject({ ok: true, data: { state: "failed", candidateCount: 0 } });
    if (!r.ok) return;
    expect(r.data.error).toEqual({
      problem: "extraction_failed",
      field: "file",
      message:
        "The text was read, but finding its commitments failed (rule C7 went wrong). Nothing was imported; report this text to the developers.",
    });
    const run = t.db.select().from(importRuns).where(eq(importRuns.id, r.data.runId)).get();
    expect(run).toMatchObject({ state: "failed", text: null, errorProblem: "extraction_failed" });
    expect(t.db.select().from(importCandidates).all()).toEqual([]);
  });
});
