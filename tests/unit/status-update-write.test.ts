/** Posting status updates and evidence against a real SQLite file: validation, conflicts, retries. */
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "@/db/client";
import { addEvidence, removeEvidence } from "@/db/mutations/evidence";
import { postStatusUpdate } from "@/db/mutations/status-updates";
import { getCommitment } from "@/db/queries/commitments";
import * as schema from "@/db/schema";
import { formDataToObject } from "@/lib/form-data";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

const TODAY = "2026-11-29";
let t: TempDb;
let editor: number;
let culture: number;

function idOf(db: Db, ref: string) {
  return (
    db.select({ id: schema.commitments.id }).from(schema.commitments).where(eq(schema.commitments.ref, ref)).get()
      ?.id ?? 0
  );
}
function versionOf(db: Db, id: number) {
  return (
    db.select({ v: schema.commitments.version }).from(schema.commitments).where(eq(schema.commitments.id, id)).get()
      ?.v ?? 0
  );
}
function countOf(table: typeof schema.statusUpdates | typeof schema.evidence) {
  return t.db.select({ n: count() }).from(table).get()?.n ?? 0;
}
function input(overrides: Record<string, unknown> = {}) {
  return {
    commitmentId: culture,
    version: versionOf(t.db, culture),
    submissionId: crypto.randomUUID(),
    status: "in_progress",
    progress: "25",
    happenedOn: "2026-11-20",
    note: "Anniversary events announced.",
    evidence: [
      {
        title: "Programme",
        url: "https://example.org/programme",
        publisher: "Embassy",
        publishedOn: "2026-11-19",
        kind: "official",
      },
    ],
    ...overrides,
  };
}

beforeEach(async () => {
  t = createTempDb();
  editor = await insertUser(t.db, "editor@example.org", "editor");
  culture = idOf(t.db, "16");
});
afterEach(() => t.cleanup());

describe("post a status update", () => {
  it("records the update with its evidence, moves the commitment and bumps its version", () => {
    const result = postStatusUpdate(t.db, editor, input(), TODAY);
    expect(result).toMatchObject({ ok: true, data: { commitmentId: culture, version: 2, duplicate: false } });
    const c = getCommitment(t.db, culture);
    expect(c?.status).toBe("in_progress");
    expect(c?.progress).toBe(25);
    expect(c?.timeline[0]).toMatchObject({
      happenedOn: "2026-11-20",
      statusFrom: "not_assessed",
      statusTo: "in_progress",
      progressFrom: null,
      progressTo: 25,
      note: "Anniversary events announced.",
    });
    expect(c?.timeline[0]?.evidence.map((e) => [e.url, e.kind])).toEqual([
      ["https://example.org/programme", "official"],
    ]);
    const audit = t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "status_update.create")).get();
    expect(audit?.before).toEqual({ status: "not_assessed", progress: null, version: 1 });
    expect(audit?.after).toMatchObject({ status: "in_progress", progress: 25, version: 2 });
  });

  it("keeps the progress when left empty", () => {
    postStatusUpdate(t.db, editor, input({ progress: "60" }), TODAY);
    postStatusUpdate(t.db, editor, input({ progress: "", note: "Still going" }), TODAY);
    expect(getCommitment(t.db, culture)?.progress).toBe(60);
  });

  it.each([
    ["150", "progress"],
    ["-10", "progress"],
    ["−10", "progress"],
    ["abc", "progress"],
    ["50.5", "progress"],
  ])("refuses progress %s with a field error", (progress, field) => {
    const before = countOf(schema.statusUpdates);
    const result = postStatusUpdate(t.db, editor, input({ progress }), TODAY);
    expect(result).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { [field]: ["Enter a whole number from 0 to 100"] },
    });
    expect(countOf(schema.statusUpdates)).toBe(before);
    expect(versionOf(t.db, culture)).toBe(1);
  });

  it("refuses a date in the future or one that does not exist", () => {
    expect(postStatusUpdate(t.db, editor, input({ happenedOn: "2026-11-30" }), TODAY)).toMatchObject({
      kind: "invalid",
      fieldErrors: { happenedOn: ["The date it happened can't be in the future (today is 2026-11-29)"] },
    });
    expect(postStatusUpdate(t.db, editor, input({ happenedOn: "2026-02-30" }), TODAY)).toMatchObject({
      fieldErrors: { happenedOn: ["Enter a real date as YYYY-MM-DD"] },
    });
    expect(postStatusUpdate(t.db, editor, input({ happenedOn: TODAY }), TODAY).ok).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "  JaVaScRiPt:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/x",
    "example.org",
  ])("refuses the evidence link %j", (url) => {
    const result = postStatusUpdate(
      t.db,
      editor,
      input({ evidence: [{ title: "x", url, publisher: "", publishedOn: "", kind: "media" }] }),
      TODAY,
    );
    expect(result).toMatchObject({
      kind: "invalid",
      fieldErrors: { "evidence.0.url": ["Use a web address starting with http:// or https://"] },
    });
    expect(countOf(schema.evidence)).toBe(22);
  });

  it("needs evidence for any status but not yet assessed", () => {
    expect(postStatusUpdate(t.db, editor, input({ evidence: [] }), TODAY)).toMatchObject({
      kind: "invalid",
      fieldErrors: { evidence: ["Add at least one evidence link for this status"] },
    });
    expect(postStatusUpdate(t.db, editor, input({ evidence: [], progress: "abc" }), TODAY)).toMatchObject({
      fieldErrors: {
        evidence: ["Add at least one evidence link for this status"],
        progress: ["Enter a whole number from 0 to 100"],
      },
    });
    expect(
      postStatusUpdate(t.db, editor, input({ status: "not_assessed", evidence: [], progress: "" }), TODAY).ok,
    ).toBe(true);
  });

  it("names the limit of over-long input", () => {
    const result = postStatusUpdate(t.db, editor, input({ note: "x".repeat(5001) }), TODAY);
    expect(result).toMatchObject({ kind: "invalid", fieldErrors: { note: ["At most 5000 characters"] } });
    const long = input({
      evidence: [{ title: "t".repeat(301), url: "https://example.org", publisher: "", publishedOn: "", kind: "media" }],
    });
    expect(postStatusUpdate(t.db, editor, long, TODAY)).toMatchObject({
      fieldErrors: { "evidence.0.title": ["At most 300 characters"] },
    });
  });

  it("refuses an unknown status and evidence kind", () => {
    const result = postStatusUpdate(
      t.db,
      editor,
      input({
        status: "done",
        evidence: [{ title: "x", url: "https://e.org", publisher: "", publishedOn: "", kind: "blog" }],
      }),
      TODAY,
    );
    expect(result).toMatchObject({
      kind: "invalid",
      fieldErrors: {
        status: ["Choose a status from the list"],
        "evidence.0.kind": ["Choose one of: official, joint, media, document, other"],
      },
    });
  });

  it("stores markup as plain text", () => {
    postStatusUpdate(t.db, editor, input({ note: "<script>alert(1)</script>" }), TODAY);
    expect(getCommitment(t.db, culture)?.timeline[0]?.note).toBe("<script>alert(1)</script>");
  });

  it("refuses a write made from an older version, and changes nothing", () => {
    const stale = input();
    expect(postStatusUpdate(t.db, editor, input(), TODAY).ok).toBe(true);
    const before = countOf(schema.statusUpdates);
    const result = postStatusUpdate(t.db, editor, { ...stale, status: "stalled" }, TODAY);
    expect(result).toMatchObject({ ok: false, kind: "conflict", currentVersion: 2 });
    expect(result.ok ? "" : result.message).toMatch(/changed since you opened it/);
    expect(countOf(schema.statusUpdates)).toBe(before);
    expect(getCommitment(t.db, culture)?.status).toBe("in_progress");
  });

  it("creates one update when the same form is submitted twice", () => {
    const form = input();
    const first = postStatusUpdate(t.db, editor, form, TODAY);
    const second = postStatusUpdate(t.db, editor, form, TODAY);
    expect(first).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(second).toMatchObject({
      ok: true,
      data: { duplicate: true, statusUpdateId: first.ok ? first.data.statusUpdateId : -1 },
    });
    expect(getCommitment(t.db, culture)?.timeline).toHaveLength(1);
    expect(versionOf(t.db, culture)).toBe(2);
  });

  it("answers the second send of a double click as the first, even with its fields emptied", () => {
    const form = input();
    const first = postStatusUpdate(t.db, editor, form, TODAY);
    expect(first.ok).toBe(true);
    // React resets a form once its action is done; a click landing then sends the emptied form.
    const emptied = { commitmentId: form.commitmentId, version: form.version, submissionId: form.submissionId };
    expect(postStatusUpdate(t.db, editor, emptied, TODAY)).toMatchObject({
      ok: true,
      data: { duplicate: true, statusUpdateId: first.ok ? first.data.statusUpdateId : -1 },
    });
    expect(getCommitment(t.db, culture)?.timeline).toHaveLength(1);
    // Someone else's form id, or one for another commitment, is still refused.
    expect(postStatusUpdate(t.db, editor, { ...emptied, commitmentId: culture + 1 }, TODAY)).toMatchObject({
      ok: false,
      fieldErrors: { submissionId: ["This form was already used; reload the page"] },
    });
  });

  it("refuses a deleted commitment as not found", () => {
    t.db
      .update(schema.commitments)
      .set({ deletedAt: "2026-01-01T00:00:00.000Z" })
      .where(eq(schema.commitments.id, culture))
      .run();
    expect(postStatusUpdate(t.db, editor, input(), TODAY)).toMatchObject({ ok: false, kind: "not_found" });
  });
});

describe("form data", () => {
  it("builds evidence rows from dotted names and drops blank rows", () => {
    const fd = new FormData();
    fd.set("status", "in_progress");
    fd.set("evidence.0.title", "A");
    fd.set("evidence.0.url", "https://a.org");
    fd.set("evidence.0.kind", "media");
    fd.set("evidence.1.title", "");
    fd.set("evidence.1.url", " ");
    fd.set("evidence.1.kind", "media");
    fd.set("evidence.2.title", "C");
    fd.set("evidence.2.kind", "joint");
    fd.set("evidence.99.title", "ignored");
    fd.set("$ACTION_ID_abc", "");
    expect(formDataToObject(fd)).toEqual({
      status: "in_progress",
      evidence: [
        { title: "A", url: "https://a.org", kind: "media" },
        { title: "C", kind: "joint" },
      ],
    });
  });
});

describe("evidence on a commitment", () => {
  it("adds a link once per submission and bumps the version", () => {
    const form = {
      commitmentId: culture,
      version: 1,
      submissionId: crypto.randomUUID(),
      title: "Note",
      url: "https://example.org/n",
      publisher: "",
      publishedOn: "",
      kind: "document",
    };
    expect(addEvidence(t.db, editor, form, TODAY)).toMatchObject({ ok: true, data: { version: 2, duplicate: false } });
    expect(addEvidence(t.db, editor, form, TODAY)).toMatchObject({ ok: true, data: { duplicate: true } });
    // The second send of a double click may carry a form React has already emptied.
    expect(
      addEvidence(
        t.db,
        editor,
        { commitmentId: form.commitmentId, version: form.version, submissionId: form.submissionId },
        TODAY,
      ),
    ).toMatchObject({ ok: true, data: { duplicate: true } });
    expect(getCommitment(t.db, culture)?.otherEvidence.map((e) => e.title)).toEqual(["Note"]);
  });

  it("removes a link softly, once, and refuses an old version", () => {
    const tourism = idOf(t.db, "14");
    const [first, second] = getCommitment(t.db, tourism)?.otherEvidence ?? [];
    const removed = removeEvidence(t.db, editor, { commitmentId: tourism, version: 1, evidenceId: first?.id });
    expect(removed).toMatchObject({ ok: true, data: { version: 2, duplicate: false } });
    expect(removeEvidence(t.db, editor, { commitmentId: tourism, version: 1, evidenceId: first?.id })).toMatchObject({
      ok: true,
      data: { duplicate: true },
    });
    expect(removeEvidence(t.db, editor, { commitmentId: tourism, version: 1, evidenceId: second?.id })).toMatchObject({
      ok: false,
      kind: "conflict",
    });
    expect(getCommitment(t.db, tourism)?.otherEvidence.map((e) => e.id)).toEqual([second?.id]);
    const row = t.db
      .select()
      .from(schema.evidence)
      .where(eq(schema.evidence.id, first?.id ?? 0))
      .get();
    expect(row?.deletedAt).not.toBeNull();
  });

  it("refuses evidence of another commitment", () => {
    const tourism = idOf(t.db, "14");
    const foreign = getCommitment(t.db, tourism)?.otherEvidence[0]?.id;
    expect(removeEvidence(t.db, editor, { commitmentId: culture, version: 1, evidenceId: foreign })).toMatchObject({
      ok: false,
      kind: "not_found",
    });
  });
});

describe("review fixes", () => {
  it("refuses to remove the last evidence link of a commitment whose status needs one", () => {
    const id = idOf(t.db, "3");
    const only = getCommitment(t.db, id)?.timeline[0]?.evidence[0];
    expect(
      removeEvidence(t.db, editor, { commitmentId: id, version: versionOf(t.db, id), evidenceId: only?.id }),
    ).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { evidenceId: [expect.stringContaining("last evidence link")] },
    });
  });

  it("lets an admin restore a removed link, once, with an audit row", async () => {
    const { restoreEvidence } = await import("@/db/mutations/evidence");
    const admin = await insertUser(t.db, "admin@example.org", "admin");
    const tourism = idOf(t.db, "14");
    const link = getCommitment(t.db, tourism)?.otherEvidence[0];
    expect(removeEvidence(t.db, editor, { commitmentId: tourism, version: 1, evidenceId: link?.id }).ok).toBe(true);
    expect(restoreEvidence(t.db, editor, { commitmentId: tourism, version: 2, evidenceId: link?.id })).toMatchObject({
      ok: false,
      kind: "forbidden",
    });
    expect(restoreEvidence(t.db, admin, { commitmentId: tourism, version: 2, evidenceId: link?.id })).toMatchObject({
      ok: true,
      data: { version: 3 },
    });
    expect(getCommitment(t.db, tourism)?.otherEvidence.map((e) => e.id)).toContain(link?.id);
    expect(
      t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "evidence.restore")).all(),
    ).toHaveLength(1);
  });

  it("refuses a form id reused for another commitment or by another editor", async () => {
    const other = await insertUser(t.db, "other@example.org", "editor");
    const form = input();
    expect(postStatusUpdate(t.db, editor, form, TODAY).ok).toBe(true);
    const elsewhere = idOf(t.db, "15");
    expect(postStatusUpdate(t.db, editor, { ...form, commitmentId: elsewhere, version: 1 }, TODAY)).toMatchObject({
      ok: false,
      fieldErrors: { submissionId: ["This form was already used; reload the page"] },
    });
    expect(postStatusUpdate(t.db, other, form, TODAY)).toMatchObject({ ok: false, kind: "invalid" });
    expect(getCommitment(t.db, elsewhere)?.timeline).toEqual([]);
  });

  it("treats a milestone of a deleted commitment as deleted, and brings it back on restore", () => {
    const agreementId = t.db.select().from(schema.agreements).get()?.id ?? 0;
    const parent = idOf(t.db, "10");
    const milestone = t.db
      .insert(schema.commitments)
      .values({ agreementId, parentId: parent, ref: "10.1", title: "Study", theme: "x" })
      .returning()
      .get().id;
    t.db
      .update(schema.commitments)
      .set({ deletedAt: "2026-01-01T00:00:00.000Z" })
      .where(eq(schema.commitments.id, parent))
      .run();
    expect(getCommitment(t.db, milestone)).toBeNull();
    expect(
      postStatusUpdate(
        t.db,
        editor,
        input({ commitmentId: milestone, version: 1, status: "not_assessed", evidence: [] }),
        TODAY,
      ),
    ).toMatchObject({ kind: "not_found" });
    t.db.update(schema.commitments).set({ deletedAt: null }).where(eq(schema.commitments.id, parent)).run();
    expect(getCommitment(t.db, milestone)?.title).toBe("Study");
  });

  it("refuses links with a user name and password, and evidence published in the future", () => {
    const withCredentials = postStatusUpdate(
      t.db,
      editor,
      input({
        evidence: [
          { title: "x", url: "https://ministry.gov.my@evil.example/", publisher: "", publishedOn: "", kind: "media" },
        ],
      }),
      TODAY,
    );
    expect(withCredentials).toMatchObject({
      fieldErrors: { "evidence.0.url": ["Remove the user name and password from the address"] },
    });
    const future = postStatusUpdate(
      t.db,
      editor,
      input({
        evidence: [{ title: "x", url: "https://e.org", publisher: "", publishedOn: "2099-01-01", kind: "media" }],
      }),
      TODAY,
    );
    expect(future).toMatchObject({
      fieldErrors: { "evidence.0.publishedOn": ["Can't be in the future (today is 2026-11-29)"] },
    });
    expect(postStatusUpdate(t.db, editor, input({ happenedOn: "" }), TODAY)).toMatchObject({
      fieldErrors: { happenedOn: ["The date it happened is required"] },
    });
    expect(postStatusUpdate(t.db, editor, input({ happenedOn: "1900-01-01" }), TODAY)).toMatchObject({
      fieldErrors: {
        happenedOn: ["The date it happened, 1900-01-01, is before the agreement was signed (2024-11-25)"],
      },
    });
    expect(postStatusUpdate(t.db, editor, input({ happenedOn: "2024-11-25" }), TODAY).ok).toBe(true);
  });
});
