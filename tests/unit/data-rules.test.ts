/**
 * Data rules of issue 8 (defects 7–12) against a real SQLite file: one definition of "live",
 * dates checked against each other, freshness from assessments, unchanged saves, the progress
 * roll-up, and the smaller API and dataset fixes.
 */
import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "@/db/client";
import { createCommitment, deleteCommitment, restoreCommitment, updateCommitment } from "@/db/mutations/commitments";
import { createAgreement, deleteAgreement, updateAgreement } from "@/db/mutations/agreements";
import { postStatusUpdate } from "@/db/mutations/status-updates";
import { setUserRole } from "@/db/mutations/users";
import { getAgreementBySlug } from "@/db/queries/agreements";
import { getCommitment, latestUpdates } from "@/db/queries/commitments";
import { agreementExists, commitmentExists } from "@/db/queries/shared";
import { listCommitmentsForStaff } from "@/db/queries/staff";
import { commitmentIsLive } from "@/db/live";
import * as schema from "@/db/schema";
import { seedDefaultDataset } from "@/db/seed";
import { agreementAsOf } from "@/lib/agreement-summary";
import { openApiDocument } from "@/lib/api/openapi";
import { ZApiCommitment } from "@/lib/api/schemas";
import { agreementSummaryJson, commitmentDetailJson, commitmentJson, pagingMeta } from "@/lib/api/serialize";
import { listCommitments, listQuerySchema } from "@/lib/commitment-list";
import { commitmentsCsv } from "@/lib/csv";
import { milestoneAfterParent } from "@/lib/date-consistency";
import { daysAgo, freshness } from "@/lib/freshness";

import { liveAgreements } from "../support/agreements";
import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";
import { loadCatalog } from "../support/catalog";

const SLUG = "kr-my-strategic-partnership-2024";
const TODAY = "2026-11-29";
let t: TempDb;
let admin: number;

function commitmentRow(db: Db, ref: string) {
  const row = db.select().from(schema.commitments).where(eq(schema.commitments.ref, ref)).get();
  if (!row) throw new Error(`no commitment ${ref}`);
  return row;
}
function agreementId(db: Db) {
  return db.select().from(schema.agreements).where(eq(schema.agreements.slug, SLUG)).get()?.id ?? 0;
}
function auditCount(db: Db) {
  return db.select({ n: count() }).from(schema.auditLog).get()?.n ?? 0;
}
function milestoneForm(parentRef: string, ref: string, overrides: Record<string, unknown> = {}) {
  return {
    agreementId: agreementId(t.db),
    parentId: String(commitmentRow(t.db, parentRef).id),
    ref,
    title: `Milestone ${ref}`,
    description: "",
    quote: "",
    theme: "Critical minerals",
    strength: "",
    owner: "",
    parties: ["KR"],
    targetDate: "",
    targetPrecision: "",
    targetPhrase: "",
    ...overrides,
  };
}
function addMilestone(parentRef: string, ref: string, overrides: Record<string, unknown> = {}): number {
  const result = createCommitment(t.db, admin, milestoneForm(parentRef, ref, overrides));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.commitmentId;
}
function post(commitmentId: number, overrides: Record<string, unknown> = {}) {
  const version =
    t.db
      .select({ v: schema.commitments.version })
      .from(schema.commitments)
      .where(eq(schema.commitments.id, commitmentId))
      .get()?.v ?? 0;
  const result = postStatusUpdate(
    t.db,
    admin,
    {
      commitmentId,
      version,
      submissionId: crypto.randomUUID(),
      status: "in_progress",
      progress: "",
      happenedOn: "2026-11-20",
      note: "Step taken.",
      evidence: [
        { title: "Report", url: "https://example.org/r", publisher: "Ministry", publishedOn: "", kind: "official" },
      ],
      ...overrides,
    },
    TODAY,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

beforeEach(async () => {
  t = createTempDb();
  admin = await insertUser(t.db, "admin@example.org", "admin");
});
afterEach(() => t.cleanup());

describe("defect 7: one definition of live", () => {
  it("takes a deleted commitment's milestones and their updates off every surface, and brings them back on restore", () => {
    const parent = commitmentRow(t.db, "10");
    const m1 = addMilestone("10", "10.1");
    const m2 = addMilestone("10", "10.2");
    const m21 = addMilestone("10", "10.2.1", { parentId: String(m2) });
    post(m1, { note: "Milestone note one" });
    post(m21, { note: "Grand-milestone note" });
    expect(liveAgreements(t.db)[0]?.milestones).toBe(3);

    const removed = deleteCommitment(t.db, admin, {
      commitmentId: parent.id,
      version: commitmentRow(t.db, "10").version,
    });
    expect(removed).toMatchObject({ ok: true });

    const notes = (list: { note: string }[]) => list.map((u) => u.note);
    // Home page's latest updates and /feed.xml, the agreement feed.
    expect(notes(latestUpdates(t.db, 50))).not.toContain("Milestone note one");
    expect(notes(latestUpdates(t.db, 50))).not.toContain("Grand-milestone note");
    expect(notes(latestUpdates(t.db, 50, { agreementSlug: SLUG }))).not.toContain("Milestone note one");
    // Home card, agreement page and API agreement record.
    expect(liveAgreements(t.db)[0]).toMatchObject({ total: 16, milestones: 0 });
    const detail = getAgreementBySlug(t.db, SLUG);
    expect(detail).toMatchObject({ total: 16, milestones: 0 });
    if (!detail) throw new Error("no agreement");
    expect(agreementSummaryJson(detail, "http://x")).toMatchObject({ commitments: 16, milestones: 0 });
    // The list, the staff list, the pages.
    const list = listCommitments(loadCatalog(t.db), listQuerySchema(TODAY).parse({ level: "milestone" }), TODAY, null);
    expect(list.total).toEqual({ commitments: 0, milestones: 0 });
    expect(listCommitmentsForStaff(t.db).map((r) => r.id)).not.toContain(m21);
    for (const id of [m1, m2, m21]) {
      expect(getCommitment(t.db, id)).toBeNull();
      expect(commitmentExists(t.db, id)).toBe(false);
    }
    // A status update on a milestone of a deleted commitment is refused.
    expect(
      postStatusUpdate(
        t.db,
        admin,
        {
          commitmentId: m1,
          version: 2,
          submissionId: crypto.randomUUID(),
          status: "in_progress",
          progress: "",
          happenedOn: "2026-11-21",
          note: "",
          evidence: [{ title: "R", url: "https://example.org/r2", publisher: "", publishedOn: "", kind: "media" }],
        },
        TODAY,
      ),
    ).toMatchObject({ ok: false, kind: "not_found" });

    restoreCommitment(t.db, admin, { commitmentId: parent.id, version: commitmentRow(t.db, "10").version });
    expect(liveAgreements(t.db)[0]).toMatchObject({ total: 17, milestones: 3 });
    expect(notes(latestUpdates(t.db, 50))).toContain("Grand-milestone note");
    expect(auditCount(t.db)).toBeGreaterThan(0);
  });
  it("answers the same for one commitment (walked up) as the view does for all (walked down)", () => {
    const m1 = addMilestone("10", "10.1");
    const m11 = addMilestone("10", "10.1.1", { parentId: String(m1) });
    addMilestone("6", "6.1");
    const check = () => {
      const inView = new Set(t.db.all<{ id: number }>(sql`SELECT id FROM live_commitments`).map((r) => r.id));
      const all = t.db.select({ id: schema.commitments.id }).from(schema.commitments).all();
      for (const { id } of all) expect([id, commitmentIsLive(t.db, id)]).toEqual([id, inView.has(id)]);
      return inView;
    };
    expect(check().size).toBe(20);
    deleteCommitment(t.db, admin, { commitmentId: m1, version: 1 });
    const afterMilestone = check();
    expect(afterMilestone.has(m11)).toBe(false);
    expect(afterMilestone.size).toBe(18);
    deleteAgreement(t.db, admin, { agreementId: agreementId(t.db) });
    expect(check().size).toBe(0);
  });
});

describe("defect 9: freshness counts assessments, not target edits", () => {
  it("keeps a stale commitment stale when only its target date is set", () => {
    const c = commitmentRow(t.db, "16");
    const form = {
      commitmentId: c.id,
      version: c.version,
      parentId: "",
      ref: c.ref,
      title: c.title,
      description: c.description,
      quote: c.quote,
      theme: c.theme,
      strength: c.strength ?? "",
      owner: c.owner,
      parties: ["KR", "MY"],
      targetDate: "2027-06-30",
      targetPrecision: "day",
      targetPhrase: "by mid-2027",
    };
    expect(updateCommitment(t.db, admin, form, TODAY)).toMatchObject({ ok: true });
    const detail = getCommitment(t.db, c.id);
    // The move is on the public timeline, dated today …
    expect(detail?.timeline[0]).toMatchObject({ happenedOn: TODAY, targetDateTo: "2027-06-30" });
    // … but nobody assessed it: no "last updated today", still stale everywhere.
    expect(detail?.lastUpdatedOn).toBeNull();
    const f = freshness(
      { status: "not_assessed", lastUpdatedOn: detail?.lastUpdatedOn ?? null, agreementSignedOn: "2024-11-25" },
      TODAY,
    );
    expect(f).toMatchObject({ neverUpdated: true, stale: true });
    const row = loadCatalog(t.db).find((r) => r.id === c.id);
    if (!row) throw new Error("no row");
    expect(row.lastUpdatedOn).toBeNull();
    expect(commitmentJson(row, TODAY, "http://x")).toMatchObject({ lastUpdatedOn: null, stale: true });
    const csv = commitmentsCsv([row], TODAY, "http://x").split("\r\n");
    const header = (csv[0] ?? "").replace("\uFEFF", "").split(",");
    const cells = (csv[1] ?? "").split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(cells[header.indexOf("stale")]).toBe("yes");
    expect(cells[header.indexOf("last_updated_on")]).toBe("");
    // A real assessment afterwards does count.
    post(c.id, { happenedOn: "2026-11-28" });
    expect(getCommitment(t.db, c.id)?.lastUpdatedOn).toBe("2026-11-28");
    expect(loadCatalog(t.db).find((r) => r.id === c.id)?.lastUpdatedOn).toBe("2026-11-28");
  });
});

describe("defect 11: parent progress", () => {
  it("reads a parent whose milestones have no progress as not recorded, leaves it out of the mean, and rolls up as-of views alike", () => {
    const parent = commitmentRow(t.db, "5");
    expect(parent.progress).toBeNull();
    const before = getAgreementBySlug(t.db, SLUG);
    const m1 = addMilestone("5", "5.1");
    addMilestone("5", "5.2");

    const after = getAgreementBySlug(t.db, SLUG);
    expect(after?.commitments.find((c) => c.id === parent.id)?.progress).toBeNull();
    expect(after?.meanProgress).toBe(before?.meanProgress);
    expect(getCommitment(t.db, parent.id)).toMatchObject({ progress: null, progressRolledUp: false });
    expect(loadCatalog(t.db).find((r) => r.id === parent.id)?.progress).toBeNull();

    // A mix: the mean of the milestones that have progress recorded.
    post(m1, { progress: "40", happenedOn: "2026-11-20" });
    expect(getCommitment(t.db, parent.id)).toMatchObject({ progress: 40, progressRolledUp: true });
    expect(getAgreementBySlug(t.db, SLUG)?.commitments.find((c) => c.id === parent.id)?.progress).toBe(40);

    // As of a date, parents roll up from their milestones as they stood then.
    const catalog = loadCatalog(t.db);
    const detail = getAgreementBySlug(t.db, SLUG);
    if (!detail) throw new Error("no agreement");
    const progressOn = (asOf: string) =>
      agreementAsOf(detail, catalog, asOf).commitments.find((c) => c.id === parent.id)?.progress;
    expect(progressOn("2026-11-25")).toBe(40);
    expect(progressOn("2026-11-19")).toBeNull();
    const listed = listCommitments(
      catalog,
      listQuerySchema(TODAY).parse({ asOf: "2026-11-25" }),
      TODAY,
      null,
      Infinity,
    );
    expect(listed.rows.find((r) => r.id === parent.id)?.progress).toBe(40);
  });
});

describe("defect 10: an unchanged save is a no-op", () => {
  function commitmentForm(ref: string) {
    const c = commitmentRow(t.db, ref);
    return {
      commitmentId: c.id,
      version: c.version,
      parentId: c.parentId === null ? "" : String(c.parentId),
      ref: c.ref,
      title: c.title,
      description: c.description,
      quote: c.quote,
      theme: c.theme,
      strength: c.strength ?? "",
      owner: c.owner,
      parties: ["MY", "KR"],
      targetDate: c.targetDate ?? "",
      targetPrecision: c.targetPrecision ?? "",
      targetPhrase: c.targetPhrase,
    };
  }
  function timelineLength(id: number) {
    return (
      t.db.select({ n: count() }).from(schema.statusUpdates).where(eq(schema.statusUpdates.commitmentId, id)).get()
        ?.n ?? 0
    );
  }

  it("writes nothing for a commitment form saved as it was, and still saves a real change", () => {
    const c = commitmentRow(t.db, "6");
    const audits = auditCount(t.db);
    const entries = timelineLength(c.id);
    expect(updateCommitment(t.db, admin, commitmentForm("6"), TODAY)).toEqual({
      ok: true,
      data: { commitmentId: c.id, version: c.version, unchanged: true, targetMoved: false },
    });
    expect(auditCount(t.db)).toBe(audits);
    expect(commitmentRow(t.db, "6")).toEqual(c);
    expect(timelineLength(c.id)).toBe(entries);

    expect(updateCommitment(t.db, admin, { ...commitmentForm("6"), owner: "MITI" }, TODAY)).toMatchObject({
      ok: true,
      data: { version: c.version + 1, unchanged: false, targetMoved: false },
    });
    expect(auditCount(t.db)).toBe(audits + 1);
    expect(timelineLength(c.id)).toBe(entries);
  });

  it("writes nothing for an agreement form saved as it was", () => {
    const a = t.db.select().from(schema.agreements).where(eq(schema.agreements.slug, SLUG)).get();
    if (!a) throw new Error("no agreement");
    const audits = auditCount(t.db);
    const form = {
      agreementId: a.id,
      updatedAt: a.updatedAt,
      slug: a.slug,
      title: a.title,
      kind: a.kind,
      signedOn: a.signedOn ?? "",
      place: a.place ?? "",
      summary: a.summary,
      sourceUrl: a.sourceUrl ?? "",
      parties: ["MY", "KR"],
    };
    expect(updateAgreement(t.db, admin, form, TODAY)).toEqual({
      ok: true,
      data: { agreementId: a.id, slug: a.slug, unchanged: true },
    });
    expect(auditCount(t.db)).toBe(audits);
    expect(t.db.select().from(schema.agreements).where(eq(schema.agreements.id, a.id)).get()).toEqual(a);
  });

  it("writes nothing when a user's role is set to the role they have", async () => {
    const editor = await insertUser(t.db, "editor@example.org", "editor");
    const audits = auditCount(t.db);
    expect(setUserRole(t.db, admin, { userId: editor, role: "editor" })).toEqual({
      ok: true,
      data: { userId: editor, role: "editor", unchanged: true },
    });
    expect(auditCount(t.db)).toBe(audits);
    expect(setUserRole(t.db, admin, { userId: editor, role: "admin" })).toMatchObject({ data: { unchanged: false } });
    expect(auditCount(t.db)).toBe(audits + 1);
  });
});

describe("defect 8: dates checked against each other", () => {
  function agreementForm(overrides: Record<string, unknown> = {}) {
    const a = t.db.select().from(schema.agreements).where(eq(schema.agreements.slug, SLUG)).get();
    if (!a) throw new Error("no agreement");
    return {
      agreementId: a.id,
      updatedAt: a.updatedAt,
      slug: a.slug,
      title: a.title,
      kind: a.kind,
      signedOn: a.signedOn ?? "",
      place: a.place ?? "",
      summary: a.summary,
      sourceUrl: a.sourceUrl ?? "",
      parties: ["KR", "MY"],
      ...overrides,
    };
  }

  it("refuses a target date before the agreement was signed, on create and on edit, naming both dates", () => {
    const message = "Target date 2024-01-01 is before the agreement was signed (2024-11-25)";
    const audits = auditCount(t.db);
    expect(
      createCommitment(t.db, admin, milestoneForm("10", "10.9", { targetDate: "2024-01-01", targetPrecision: "day" })),
    ).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { targetDate: [message] } });
    const c = commitmentRow(t.db, "16");
    const edit = {
      commitmentId: c.id,
      version: c.version,
      parentId: "",
      ref: c.ref,
      title: c.title,
      description: c.description,
      quote: c.quote,
      theme: c.theme,
      strength: c.strength ?? "",
      owner: c.owner,
      parties: ["KR", "MY"],
      targetDate: "2024-01-01",
      targetPrecision: "day",
      targetPhrase: "",
    };
    expect(updateCommitment(t.db, admin, edit, TODAY)).toMatchObject({ fieldErrors: { targetDate: [message] } });
    expect(commitmentRow(t.db, "16")).toEqual(c);
    expect(auditCount(t.db)).toBe(audits);
    // The signing day itself, and a year whose end is after it, are fine.
    expect(updateCommitment(t.db, admin, { ...edit, targetDate: "2024-11-25" }, TODAY)).toMatchObject({ ok: true });
    expect(
      createCommitment(t.db, admin, milestoneForm("10", "10.9", { targetDate: "2024-01-01", targetPrecision: "year" })),
    ).toMatchObject({ ok: true });
  });

  it("refuses a signing date in the future or after the agreement's own status updates or targets", () => {
    const audits = auditCount(t.db);
    expect(updateAgreement(t.db, admin, agreementForm({ signedOn: "2026-11-30" }), TODAY)).toMatchObject({
      fieldErrors: { signedOn: ["Signing date 2026-11-30 is after today (2026-11-29)"] },
    });
    expect(updateAgreement(t.db, admin, agreementForm({ signedOn: "2025-01-01" }), TODAY)).toMatchObject({
      fieldErrors: {
        signedOn: ["Signing date 2025-01-01 is after the agreement's earliest status update (2024-11-25)"],
      },
    });
    expect(auditCount(t.db)).toBe(audits);
    expect(
      createAgreement(
        t.db,
        admin,
        { ...agreementForm({ slug: "future-accord", signedOn: "2027-01-01" }), agreementId: undefined },
        TODAY,
      ),
    ).toMatchObject({ fieldErrors: { signedOn: ["Signing date 2027-01-01 is after today (2026-11-29)"] } });
    // An earlier signing date contradicts nothing.
    expect(updateAgreement(t.db, admin, agreementForm({ signedOn: "2024-11-24" }), TODAY)).toMatchObject({ ok: true });
  });

  it("names both dates when a status update is dated before the signing", () => {
    const result = postStatusUpdate(
      t.db,
      admin,
      {
        commitmentId: commitmentRow(t.db, "16").id,
        version: 1,
        submissionId: crypto.randomUUID(),
        status: "not_assessed",
        progress: "",
        happenedOn: "2024-11-24",
        note: "",
        evidence: [],
      },
      TODAY,
    );
    expect(result).toMatchObject({
      fieldErrors: {
        happenedOn: ["The date it happened, 2024-11-24, is before the agreement was signed (2024-11-25)"],
      },
    });
  });

  it("accepts a milestone due after its parent, with a warning naming both dates", () => {
    expect(milestoneAfterParent("2026-06-30", { ref: "6", targetDate: "2025-12-31" })).toBe(
      "This milestone's target date, 2026-06-30, is after the target date of commitment 6 (2025-12-31). It is saved; check that this is meant.",
    );
    expect(milestoneAfterParent("2025-06-30", { ref: "6", targetDate: "2025-12-31" })).toBeNull();
    expect(
      createCommitment(t.db, admin, milestoneForm("6", "6.1", { targetDate: "2026-06-30", targetPrecision: "day" })),
    ).toMatchObject({ ok: true });
  });
});

describe("defect 12: smaller fixes", () => {
  it("gives fulfilledOn only to a fulfilled commitment, dated when it became fulfilled", () => {
    const c = commitmentRow(t.db, "8");
    post(c.id, { status: "partially_fulfilled", happenedOn: "2026-03-01" });
    const row = () => loadCatalog(t.db).find((r) => r.id === c.id);
    const api = () => {
      const detail = getCommitment(t.db, c.id);
      const r = row();
      if (!detail || !r) throw new Error("missing");
      return commitmentDetailJson(detail, r, TODAY, "http://x");
    };
    expect(getCommitment(t.db, c.id)?.fulfilledOn).toBe("2026-03-01");
    expect(api()).toMatchObject({ status: "partially_fulfilled", fulfilledOn: null });
    post(c.id, { status: "fulfilled", happenedOn: "2026-09-01" });
    expect(api()).toMatchObject({ status: "fulfilled", fulfilledOn: "2026-09-01" });
  });

  it("says dueToday beside overdue in the API", () => {
    const row = loadCatalog(t.db).find((r) => r.ref === "16");
    if (!row) throw new Error("no row");
    expect(commitmentJson(row, "2025-12-31", "http://x")).toMatchObject({ overdue: false, dueToday: true });
    expect(commitmentJson(row, "2026-01-01", "http://x")).toMatchObject({ overdue: true, dueToday: false });
    expect(commitmentJson(row, "2025-12-30", "http://x")).toMatchObject({ overdue: false, dueToday: false });
    expect(ZApiCommitment.shape.dueToday).toBeDefined();
    const doc = JSON.stringify(openApiDocument("http://x"));
    expect(doc).toContain('"dueToday"');
  });

  it("says in a list's paging meta when the page asked for was past the last, as the OpenAPI document describes", () => {
    expect(pagingMeta(99, 2, 2, 50)).toEqual({
      page: 2,
      pages: 2,
      pageSize: 50,
      requestedPage: 99,
      pastLastPage: true,
    });
    expect(pagingMeta(2, 2, 2, 50)).toEqual({ page: 2, pages: 2, pageSize: 50, requestedPage: 2, pastLastPage: false });
    expect(pagingMeta(1, 1, 1, 25)).toMatchObject({ requestedPage: 1, pastLastPage: false });
    const schemas = openApiDocument("http://x").components.schemas as unknown as Record<
      string,
      { properties: { meta: { required: string[]; properties: Record<string, { type: string }> } } }
    >;
    for (const name of ["CommitmentPage", "AgreementList"]) {
      const meta = schemas[name]?.properties.meta;
      expect(meta?.required, name).toEqual(expect.arrayContaining(["requestedPage", "pastLastPage"]));
      expect(meta?.properties.pastLastPage?.type, name).toBe("boolean");
      expect(meta?.properties.requestedPage?.type, name).toBe("integer");
    }
  });

  it("never says 'today' for a date after today", () => {
    expect(daysAgo(0)).toBe("today");
    expect(daysAgo(-1)).toBe("tomorrow");
    expect(daysAgo(-3)).toBe("in 3 days");
    const f = freshness({ status: "in_progress", lastUpdatedOn: "2026-12-02", agreementSignedOn: "2024-11-25" }, TODAY);
    expect(f).toMatchObject({ days: -3, stale: false });
    expect(daysAgo(f.days ?? 0)).toBe("in 3 days");
  });

  it("refuses an unknown or deleted agreement slug as a bad parameter naming it", () => {
    // As the pages pass it (db/public.ts knownAgreements): one lookup per slug, never every slug.
    const known = { has: (slug: string) => agreementExists(t.db, slug) };
    expect([SLUG, "nope", ""].map((s) => known.has(s))).toEqual([true, false, false]);
    const schema = () => listQuerySchema(TODAY, { agreements: known });
    expect(schema().safeParse({ agreement: SLUG }).success).toBe(true);
    const unknown = schema().safeParse({ agreement: "nope" });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["agreement", 'No agreement has the slug "nope": it is unknown or was deleted'],
    ]);
    deleteAgreement(t.db, admin, { agreementId: agreementId(t.db) });
    expect(known.has(SLUG)).toBe(false);
    expect(schema().safeParse({ agreement: SLUG }).success).toBe(false);
  });

  it("dates commitment 17 fulfilled on 2025-11-01 in a new database, and leaves an existing one as it is", () => {
    const id = commitmentRow(t.db, "17").id;
    expect(getCommitment(t.db, id)?.timeline.map((u) => u.happenedOn)).toEqual(["2025-11-01"]);
    expect(getCommitment(t.db, id)?.fulfilledOn).toBe("2025-11-01");
    // A database made before the correction keeps its own record: the seed loads only into an empty one.
    t.db
      .update(schema.statusUpdates)
      .set({ happenedOn: "2025-10-27" })
      .where(eq(schema.statusUpdates.commitmentId, id))
      .run();
    expect(seedDefaultDataset(t.db)).toBe(false);
    expect(getCommitment(t.db, id)?.timeline.map((u) => u.happenedOn)).toEqual(["2025-10-27"]);
  });
});
