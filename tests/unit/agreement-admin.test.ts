/** Admin edits of agreements and commitments against a real SQLite file. */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "@/db/client";
import { createAgreement, deleteAgreement, restoreAgreement, updateAgreement } from "@/db/mutations/agreements";
import { createCommitment, deleteCommitment, restoreCommitment, updateCommitment } from "@/db/mutations/commitments";
import { getAgreementBySlug } from "@/db/queries/agreements";
import { getCommitment } from "@/db/queries/commitments";
import * as schema from "@/db/schema";
import { agreementAsOf } from "@/lib/agreement-summary";
import { calendarDateIn } from "@/lib/calendar-date";
import { listCommitments, listQuerySchema } from "@/lib/commitment-list";

import { liveAgreements } from "../support/agreements";
import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";
import { loadCatalog } from "../support/catalog";

const SLUG = "kr-my-strategic-partnership-2024";
const TODAY = "2026-11-29";
let t: TempDb;
let admin: number;

function agreementRow(db: Db) {
  const row = db.select().from(schema.agreements).where(eq(schema.agreements.slug, SLUG)).get();
  if (!row) throw new Error("no agreement");
  return row;
}
function commitmentRow(db: Db, ref: string) {
  const row = db.select().from(schema.commitments).where(eq(schema.commitments.ref, ref)).get();
  if (!row) throw new Error(`no commitment ${ref}`);
  return row;
}
function commitmentForm(ref: string, overrides: Record<string, unknown> = {}) {
  const c = commitmentRow(t.db, ref);
  return {
    commitmentId: c.id,
    version: c.version,
    parentId: c.parentId ?? "",
    ref: c.ref,
    title: c.title,
    description: c.description,
    quote: c.quote,
    theme: c.theme,
    strength: c.strength ?? "",
    owner: c.owner,
    parties: ["KR", "MY"],
    targetDate: c.targetDate ?? "",
    targetPrecision: c.targetPrecision ?? "",
    targetPhrase: c.targetPhrase,
    ...overrides,
  };
}

beforeEach(async () => {
  t = createTempDb();
  admin = await insertUser(t.db, "admin@example.org", "admin");
});
afterEach(() => t.cleanup());

describe("agreements", () => {
  const form = {
    slug: "kr-id-cepa-2025",
    title: "Korea–Indonesia statement",
    kind: "Joint statement",
    signedOn: "2025-03-01",
    place: "Jakarta",
    summary: "",
    sourceUrl: "",
    parties: ["KR"],
  };

  it("creates an agreement with a new party, and refuses a taken slug or a bad one", () => {
    const result = createAgreement(t.db, admin, { ...form, newPartyCode: "id", newPartyName: "Indonesia" }, TODAY);
    expect(result).toMatchObject({ ok: true, data: { slug: "kr-id-cepa-2025" } });
    expect(getAgreementBySlug(t.db, "kr-id-cepa-2025")?.parties.map((p) => p.code)).toEqual(["ID", "KR"]);
    expect(createAgreement(t.db, admin, form, TODAY)).toMatchObject({
      fieldErrors: { slug: ["Another agreement already uses this address name"] },
    });
    expect(createAgreement(t.db, admin, { ...form, slug: "Bad Slug!" }, TODAY)).toMatchObject({
      fieldErrors: { slug: ["Use lower-case letters, digits and single hyphens, such as kr-my-2024"] },
    });
    expect(createAgreement(t.db, admin, { ...form, slug: "other", parties: ["XX"] }, TODAY)).toMatchObject({
      fieldErrors: { parties: [expect.stringContaining("Unknown party: XX")] },
    });
    expect(createAgreement(t.db, admin, { ...form, slug: "other2", newPartyCode: "ZZ" }, TODAY)).toMatchObject({
      fieldErrors: { newPartyName: ["Give the new party's name"] },
    });
  });

  it("updates an agreement and refuses a form opened on an older version", () => {
    const a = agreementRow(t.db);
    const edit = {
      ...form,
      slug: SLUG,
      title: "Renamed statement",
      signedOn: a.signedOn ?? "",
      parties: ["KR", "MY"],
      agreementId: a.id,
      updatedAt: a.updatedAt,
    };
    expect(updateAgreement(t.db, admin, edit, TODAY)).toMatchObject({ ok: true });
    expect(getAgreementBySlug(t.db, SLUG)?.title).toBe("Renamed statement");
    expect(getAgreementBySlug(t.db, SLUG)?.parties.find((p) => p.code === "KR")?.signatory).toBe(
      "President Yoon Suk Yeol",
    );
    expect(updateAgreement(t.db, admin, { ...edit, title: "Lost update" }, TODAY)).toMatchObject({
      ok: false,
      kind: "conflict",
    });
    expect(getAgreementBySlug(t.db, SLUG)?.title).toBe("Renamed statement");
  });

  it("soft-deletes and restores an agreement", () => {
    const { id } = agreementRow(t.db);
    expect(deleteAgreement(t.db, admin, { agreementId: id })).toMatchObject({ ok: true });
    expect(liveAgreements(t.db)).toEqual([]);
    expect(getCommitment(t.db, commitmentRow(t.db, "6").id)).toBeNull();
    expect(restoreAgreement(t.db, admin, { agreementId: id })).toMatchObject({ ok: true });
    expect(getAgreementBySlug(t.db, SLUG)?.total).toBe(17);
  });
});

describe("commitments", () => {
  it("creates a milestone under a commitment and rolls the parent's progress up", () => {
    const parent = commitmentRow(t.db, "10");
    const { id: agreementId } = agreementRow(t.db);
    const base = {
      agreementId,
      parentId: String(parent.id),
      description: "",
      quote: "",
      theme: "Critical minerals",
      strength: "",
      owner: "",
      parties: ["KR"],
      targetDate: "",
      targetPrecision: "",
      targetPhrase: "",
    };
    expect(createCommitment(t.db, admin, { ...base, ref: "10.1", title: "Sign the MoU" })).toMatchObject({ ok: true });
    const created = getAgreementBySlug(t.db, SLUG)?.commitments.find((c) => c.id === parent.id);
    expect(created?.milestones.map((m) => m.title)).toEqual(["Sign the MoU"]);
    expect(getAgreementBySlug(t.db, SLUG)?.total).toBe(17);
    expect(createCommitment(t.db, admin, { ...base, ref: "", title: "", theme: "", parties: ["JP"] })).toMatchObject({
      fieldErrors: {
        ref: ["The number (ref) is required"],
        title: ["The title is required"],
        theme: ["The theme is required"],
      },
    });
  });

  it("says which field a target date without a precision needs, and writes nothing", () => {
    const form = {
      agreementId: agreementRow(t.db).id,
      parentId: "",
      ref: "19",
      title: "A pledge with a date but no precision",
      description: "",
      quote: "",
      theme: "Trade",
      strength: "",
      owner: "",
      parties: ["KR"],
      targetDate: "2027-05-12",
      targetPrecision: "",
      targetPhrase: "",
    };
    expect(createCommitment(t.db, admin, form)).toEqual({
      ok: false,
      kind: "invalid",
      message: "Some fields need attention.",
      fieldErrors: {
        targetPrecision: [
          "Target date precision: choose day, month, quarter or year for the target date you entered, or clear the date",
        ],
      },
    });
    expect(loadCatalog(t.db).some((r) => r.ref === "19")).toBe(false);
  });

  it("keeps a moved target date as a dated timeline entry, at the end of its period", () => {
    const result = updateCommitment(
      t.db,
      admin,
      commitmentForm("16", {
        targetDate: "2026-03-15",
        targetPrecision: "quarter",
        targetPhrase: "by the first quarter of 2026",
      }),
      TODAY,
    );
    expect(result).toMatchObject({ ok: true, data: { version: 2 } });
    const c = getCommitment(t.db, commitmentRow(t.db, "16").id);
    expect(c?.targetDate).toBe("2026-03-31");
    expect(c?.targetPrecision).toBe("quarter");
    expect(c?.timeline[0]).toMatchObject({
      happenedOn: TODAY,
      targetDateFrom: "2025-12-31",
      targetDateTo: "2026-03-31",
      statusFrom: "not_assessed",
      statusTo: "not_assessed",
    });
    expect(
      updateCommitment(t.db, admin, commitmentForm("16", { targetPrecision: "", targetDate: "2026-01-01" }), TODAY),
    ).toMatchObject({
      fieldErrors: {
        targetPrecision: [
          "Target date precision: choose day, month, quarter or year for the target date you entered, or clear the date",
        ],
      },
    });
  });

  it("knows the day a commitment was added, and that dataset rows were loaded, not added", () => {
    const created = createCommitment(t.db, admin, {
      agreementId: agreementRow(t.db).id,
      parentId: "",
      ref: "18",
      title: "A pledge found later in the text",
      description: "",
      quote: "",
      theme: "Trade",
      strength: "",
      owner: "",
      parties: ["KR"],
      targetDate: "",
      targetPrecision: "",
      targetPhrase: "",
    });
    expect(created.ok).toBe(true);
    const rows = loadCatalog(t.db);
    expect(rows.find((r) => r.title === "A pledge found later in the text")?.addedOn).toBe(
      calendarDateIn("UTC", new Date()),
    );
    expect(rows.filter((r) => r.addedOn !== null)).toHaveLength(1);
  });

  it("shows the target date as it stood on an earlier day, in the list and on the agreement page", () => {
    updateCommitment(
      t.db,
      admin,
      commitmentForm("16", { targetDate: "2027-06-30", targetPrecision: "month", targetPhrase: "by mid-2027" }),
      TODAY,
    );
    const catalog = loadCatalog(t.db);
    const list = (asOf: string, extra: Record<string, string> = {}) =>
      listCommitments(catalog, listQuerySchema(TODAY).parse({ asOf, ...extra }), TODAY, null, 100);
    const before = list("2026-01-05").rows.find((r) => r.ref === "16");
    expect(before).toMatchObject({ targetDate: "2025-12-31", targetPrecision: null, targetPhrase: "" });
    expect(list("2026-01-05", { overdue: "1" }).rows.map((r) => r.ref)).toEqual(["16"]);
    const now = list(TODAY).rows.find((r) => r.ref === "16");
    expect(now).toMatchObject({ targetDate: "2027-06-30", targetPrecision: "month", targetPhrase: "by mid-2027" });
    expect(list(TODAY, { overdue: "1" }).rows).toEqual([]);

    const detail = getAgreementBySlug(t.db, SLUG);
    if (!detail) throw new Error("no agreement");
    const then = agreementAsOf(detail, catalog, "2026-01-05");
    expect(then.commitments.find((c) => c.ref === "16")).toMatchObject({
      targetDate: "2025-12-31",
      status: "not_assessed",
    });
    const fta = agreementAsOf(detail, catalog, "2025-06-30");
    expect(fta.commitments.find((c) => c.ref === "6")?.status).toBe("in_progress");
    expect(agreementAsOf(detail, catalog, "2025-06-22").commitments.find((c) => c.ref === "6")?.status).toBe(
      "not_assessed",
    );
    expect(fta.statusCounts.fulfilled).toBe(1);
    expect(detail.statusCounts.fulfilled).toBe(3);
  });

  it("refuses an old version, a cycle and a parent from elsewhere", () => {
    const stale = commitmentForm("3");
    expect(updateCommitment(t.db, admin, commitmentForm("3", { title: "First" }), TODAY).ok).toBe(true);
    expect(updateCommitment(t.db, admin, { ...stale, title: "Second" }, TODAY)).toMatchObject({
      ok: false,
      kind: "conflict",
    });
    const three = commitmentRow(t.db, "3");
    const four = commitmentRow(t.db, "4");
    expect(updateCommitment(t.db, admin, commitmentForm("4", { parentId: three.id }), TODAY).ok).toBe(true);
    expect(updateCommitment(t.db, admin, commitmentForm("3", { parentId: four.id }), TODAY)).toMatchObject({
      fieldErrors: { parentId: ["A commitment cannot sit under one of its own milestones"] },
    });
    expect(updateCommitment(t.db, admin, commitmentForm("3", { parentId: three.id }), TODAY)).toMatchObject({
      fieldErrors: { parentId: ["A commitment cannot be its own milestone"] },
    });
    expect(updateCommitment(t.db, admin, commitmentForm("3", { parentId: 99999 }), TODAY)).toMatchObject({
      fieldErrors: { parentId: ["Choose a commitment of the same agreement"] },
    });
  });

  it("soft-deletes and restores a commitment, against its version", () => {
    const c = commitmentRow(t.db, "5");
    expect(deleteCommitment(t.db, admin, { commitmentId: c.id, version: c.version })).toMatchObject({ ok: true });
    expect(getCommitment(t.db, c.id)).toBeNull();
    expect(getAgreementBySlug(t.db, SLUG)?.total).toBe(16);
    expect(restoreCommitment(t.db, admin, { commitmentId: c.id, version: c.version })).toMatchObject({
      ok: false,
      kind: "conflict",
    });
    expect(restoreCommitment(t.db, admin, { commitmentId: c.id, version: c.version + 1 })).toMatchObject({ ok: true });
    expect(getAgreementBySlug(t.db, SLUG)?.total).toBe(17);
  });
});

describe("admin lists", () => {
  it("counts each agreement's live commitments and lists deleted agreements too", async () => {
    const { listAgreementsForAdmin } = await import("@/db/queries/admin");
    const c = commitmentRow(t.db, "5");
    deleteCommitment(t.db, admin, { commitmentId: c.id, version: c.version });
    t.db
      .insert(schema.agreements)
      .values({ slug: "old", title: "Old", kind: "MoU", signedOn: "2020-01-01", deletedAt: "2026-01-01T00:00:00.000Z" })
      .run();
    expect(listAgreementsForAdmin(t.db).map((a) => [a.slug, a.commitments, a.deletedAt !== null])).toEqual([
      [SLUG, 16, false],
      ["old", 0, true],
    ]);
  });
});

describe("review fixes", () => {
  it("refuses to drop a party that commitments still owe, and keeps signatories in the audit row", () => {
    const a = agreementRow(t.db);
    const edit = {
      slug: SLUG,
      title: a.title,
      kind: a.kind,
      signedOn: a.signedOn ?? "",
      place: a.place ?? "",
      summary: a.summary,
      sourceUrl: "",
      agreementId: a.id,
      updatedAt: a.updatedAt,
    };
    expect(updateAgreement(t.db, admin, { ...edit, parties: ["KR"] }, TODAY)).toMatchObject({
      fieldErrors: { parties: [expect.stringContaining("MY still owes commitments")] },
    });
    expect(getAgreementBySlug(t.db, SLUG)?.parties.find((p) => p.code === "MY")?.signatory).toBe(
      "Prime Minister Anwar Ibrahim",
    );
    expect(updateAgreement(t.db, admin, { ...edit, parties: ["KR", "MY"], title: "Same parties" }, TODAY).ok).toBe(
      true,
    );
    const audit = t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "agreement.update")).get();
    expect(JSON.stringify(audit?.before)).toContain("Prime Minister Anwar Ibrahim");
  });

  it("refuses edits to a deleted agreement and to commitments of a deleted agreement", () => {
    const a = agreementRow(t.db);
    deleteAgreement(t.db, admin, { agreementId: a.id });
    const gone = agreementRow(t.db);
    expect(
      updateAgreement(
        t.db,
        admin,
        {
          slug: SLUG,
          title: "x",
          kind: "x",
          signedOn: "",
          place: "",
          summary: "",
          sourceUrl: "",
          parties: ["KR", "MY"],
          agreementId: a.id,
          updatedAt: gone.updatedAt,
        },
        TODAY,
      ),
    ).toMatchObject({ ok: false, kind: "not_found" });
    expect(updateCommitment(t.db, admin, commitmentForm("3", { title: "x" }), TODAY)).toMatchObject({
      ok: false,
      kind: "not_found",
    });
  });
});
