/** The data layer against a real temporary SQLite file, migrated with the committed migrations. */
import { and, count, eq, isNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { prepareDatabase } from "@/db/client";
import { KR_MY_2024 } from "@/db/datasets/kr-my-2024";
import { getAgreementBySlug } from "@/db/queries/agreements";
import { getCommitment, latestUpdates, openDeadlines } from "@/db/queries/commitments";
import * as schema from "@/db/schema";
import { seedDefaultDataset } from "@/db/seed";

import { ALL_TABLES } from "../support/tables";
import { liveAgreements } from "../support/agreements";
import { createTempDb, type TempDb } from "../support/temp-db";

const SLUG = KR_MY_2024.agreement.slug;
let t: TempDb;

beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

function rowCounts(db: TempDb["db"]) {
  const tables = ALL_TABLES;
  return Object.fromEntries(
    Object.entries(tables).map(([name, table]) => [name, db.select({ n: count() }).from(table).get()?.n]),
  );
}

function commitmentIdByRef(db: TempDb["db"], ref: string): number {
  const row = db
    .select({ id: schema.commitments.id })
    .from(schema.commitments)
    .where(eq(schema.commitments.ref, ref))
    .get();
  if (!row) throw new Error(`no commitment ${ref}`);
  return row.id;
}

describe("connection", () => {
  it("runs with WAL, foreign keys on and a busy timeout", () => {
    const client = t.db.$client;
    expect(client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(client.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("refuses a commitment of an agreement that does not exist", () => {
    expect(() =>
      t.db.insert(schema.commitments).values({ agreementId: 9999, ref: "x", title: "x", theme: "x" }).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it("refuses evidence that is not an http(s) URL and a progress outside 0–100", () => {
    const id = commitmentIdByRef(t.db, "5");
    expect(() =>
      t.db
        .insert(schema.evidence)
        .values({ commitmentId: id, url: "javascript:alert(1)", title: "x", kind: "other" })
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      t.db.update(schema.commitments).set({ progress: 150 }).where(eq(schema.commitments.id, id)).run(),
    ).toThrow(/CHECK/);
  });
});

describe("default dataset", () => {
  it("loads both parties and all 17 commitments with their facts", () => {
    const agreement = getAgreementBySlug(t.db, SLUG);
    expect(agreement).not.toBeNull();
    expect(agreement?.parties.map((p) => [p.code, p.name])).toEqual([
      ["KR", "Republic of Korea"],
      ["MY", "Malaysia"],
    ]);
    expect(agreement?.total).toBe(17);
    expect(agreement?.signedOn).toBe("2024-11-25");
    expect(agreement?.statusCounts).toEqual({
      not_assessed: 5,
      not_started: 0,
      in_progress: 9,
      stalled: 0,
      partially_fulfilled: 0,
      fulfilled: 3,
      not_fulfilled: 0,
    });
    const fta = agreement?.commitments.find((c) => c.ref === "6");
    expect(fta).toMatchObject({
      title: "Conclude the bilateral free trade agreement",
      theme: "Trade",
      status: "fulfilled",
      targetDate: "2025-12-31",
      targetPrecision: "year",
      fulfilledOn: "2025-08-18",
    });
    expect(fta?.owner).toContain("MITI");
    const investment = agreement?.commitments.find((c) => c.ref === "9");
    expect(investment?.parties.map((p) => p.code)).toEqual(["MY"]);
  });

  it("gives the FTA its whole 2025 history with evidence, newest first", () => {
    const fta = getCommitment(t.db, commitmentIdByRef(t.db, "6"));
    expect(fta?.timeline.map((u) => [u.happenedOn, u.statusFrom, u.statusTo])).toEqual([
      ["2025-10-27", "fulfilled", "fulfilled"],
      ["2025-08-18", "in_progress", "fulfilled"],
      ["2025-07-23", "in_progress", "in_progress"],
      ["2025-06-23", "not_assessed", "in_progress"],
    ]);
    expect(fta?.timeline.every((u) => u.evidence.length > 0)).toBe(true);
    expect(fta?.timeline[1]?.evidence[0]?.url).toBe("https://bernama.com/lite/news.php?id=2458050");
    expect(fta?.lastUpdatedOn).toBe("2025-10-27");
  });

  it("keeps the tourism MoU's two conflicting reports as evidence of a not-assessed commitment", () => {
    const tourism = getCommitment(t.db, commitmentIdByRef(t.db, "14"));
    expect(tourism?.status).toBe("not_assessed");
    expect(tourism?.timeline).toEqual([]);
    expect(tourism?.otherEvidence.map((e) => e.publisher)).toEqual(["New Straits Times", "The Diplomat"]);
  });

  it("is idempotent: a second load changes nothing", () => {
    const before = rowCounts(t.db);
    expect(seedDefaultDataset(t.db)).toBe(false);
    expect(rowCounts(t.db)).toEqual(before);
  });

  it("never overwrites an existing database, even after edits", () => {
    t.db.update(schema.agreements).set({ title: "Edited by staff" }).where(eq(schema.agreements.slug, SLUG)).run();
    const before = rowCounts(t.db);
    t.db.$client.close();
    t.db = prepareDatabase(t.file);
    expect(getAgreementBySlug(t.db, SLUG)?.title).toBe("Edited by staff");
    expect(rowCounts(t.db)).toEqual(before);
  });

  it("records the load in the audit log", () => {
    const audit = t.db.select().from(schema.auditLog).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "dataset.load", entityType: "agreement", actorId: null });
  });
});

describe("reads", () => {
  it("lists agreements with counts and hides deleted ones", () => {
    expect(liveAgreements(t.db).map((a) => [a.slug, a.total, a.openWithoutTarget])).toEqual([[SLUG, 17, 13]]);
    t.db.update(schema.agreements).set({ deletedAt: "2026-01-01T00:00:00.000Z" }).run();
    expect(liveAgreements(t.db)).toEqual([]);
    expect(getAgreementBySlug(t.db, SLUG)).toBeNull();
  });

  it("rolls a parent's progress up from its milestones and counts milestones apart", () => {
    const parentId = commitmentIdByRef(t.db, "10");
    const agreementId = t.db.select().from(schema.agreements).get()?.id ?? 0;
    t.db
      .insert(schema.commitments)
      .values([
        {
          agreementId,
          parentId,
          ref: "10.1",
          title: "Sign the MoU",
          theme: "Critical minerals",
          status: "fulfilled",
          progress: 100,
        },
        {
          agreementId,
          parentId,
          ref: "10.2",
          title: "First joint project",
          theme: "Critical minerals",
          status: "not_started",
          progress: 0,
        },
      ])
      .run();
    const agreement = getAgreementBySlug(t.db, SLUG);
    const parent = agreement?.commitments.find((c) => c.id === parentId);
    expect(parent?.progress).toBe(50);
    expect(parent?.milestones.map((m) => m.ref)).toEqual(["10.1", "10.2"]);
    expect(agreement?.total).toBe(17);
    expect(agreement?.milestones).toBe(2);
    const detail = getCommitment(t.db, parentId);
    expect(detail?.progress).toBe(50);
    expect(detail?.progressRolledUp).toBe(true);
    const milestone = getCommitment(t.db, detail?.milestones[0]?.id ?? 0);
    expect(milestone?.parent?.id).toBe(parentId);
  });

  it("hides a soft-deleted commitment from pages and counts", () => {
    const id = commitmentIdByRef(t.db, "5");
    t.db
      .update(schema.commitments)
      .set({ deletedAt: "2026-01-01T00:00:00.000Z" })
      .where(eq(schema.commitments.id, id))
      .run();
    expect(getCommitment(t.db, id)).toBeNull();
    expect(getAgreementBySlug(t.db, SLUG)?.total).toBe(16);
    const live = t.db
      .select({ n: count() })
      .from(schema.commitments)
      .where(and(isNull(schema.commitments.deletedAt)))
      .get()?.n;
    expect(live).toBe(16);
  });

  it("splits open deadlines into overdue and upcoming against today", () => {
    const late = openDeadlines(t.db, "2026-11-29");
    expect(late.overdue.map((d) => d.ref)).toEqual(["16"]);
    expect(late.upcoming).toEqual([]);
    const onTheDay = openDeadlines(t.db, "2025-12-31");
    expect(onTheDay.overdue).toEqual([]);
    expect(onTheDay.upcoming.map((d) => d.ref)).toEqual(["16"]);
  });

  it("lists the latest updates newest first", () => {
    const updates = latestUpdates(t.db, 3);
    expect(updates).toHaveLength(3);
    expect(updates.map((u) => u.happenedOn)).toEqual(["2025-11-01", "2025-10-27", "2025-10-27"]);
    const all = latestUpdates(t.db, 100);
    expect(all).toHaveLength(16);
    const dates = all.map((u) => u.happenedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("returns null for an unknown commitment", () => {
    expect(getCommitment(t.db, 424242)).toBeNull();
  });
});

describe("protecting existing databases", () => {
  it("does not load the dataset again after the agreement was renamed or deleted", () => {
    t.db.update(schema.agreements).set({ slug: "renamed" }).run();
    expect(seedDefaultDataset(t.db)).toBe(false);
    t.db.$client.exec(
      "DELETE FROM evidence; DELETE FROM status_updates; DELETE FROM commitment_parties; DELETE FROM commitments; DELETE FROM source_documents; DELETE FROM agreement_parties; DELETE FROM agreements;",
    );
    expect(seedDefaultDataset(t.db)).toBe(false);
    expect(liveAgreements(t.db)).toEqual([]);
  });

  it("refuses another application's database and leaves it untouched", async () => {
    const { default: Database } = await import("better-sqlite3");
    const file = `${t.file}.other`;
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    other.close();
    expect(() => prepareDatabase(file)).toThrow(/not an Accord Tracker database/);
    const check = new Database(file);
    expect(check.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(["notes"]);
    check.close();
  });

  it("refuses values outside the vocabulary and dates that do not exist, at the database", () => {
    const id = commitmentIdByRef(t.db, "5");
    const bad = [
      () =>
        t.db
          .insert(schema.statusUpdates)
          .values({ commitmentId: id, statusTo: "done" as never, happenedOn: "2025-01-01" })
          .run(),
      () =>
        t.db
          .insert(schema.statusUpdates)
          .values({ commitmentId: id, statusTo: "stalled", happenedOn: "2025-02-30" })
          .run(),
      () => t.db.update(schema.agreements).set({ signedOn: "2024-02-30" }).run(),
      () =>
        t.db.update(schema.commitments).set({ targetDate: "2025-04-31" }).where(eq(schema.commitments.id, id)).run(),
      () =>
        t.db
          .update(schema.commitments)
          .set({ targetPrecision: "week" as never })
          .where(eq(schema.commitments.id, id))
          .run(),
      () =>
        t.db
          .insert(schema.evidence)
          .values({ commitmentId: id, url: "https://e.org", title: "x", kind: "blog" as never })
          .run(),
    ];
    for (const write of bad) expect(write).toThrow(/must be/);
    expect(() => t.db.update(schema.agreements).set({ signedOn: "2024-02-29" }).run()).not.toThrow();
  });
});

describe("roll-up through several levels", () => {
  it("shows the same figure on the agreement page and the commitment page", () => {
    const agreementId = t.db.select().from(schema.agreements).get()?.id ?? 0;
    const top = commitmentIdByRef(t.db, "2");
    const add = (parentId: number, ref: string, progress: number | null) =>
      t.db
        .insert(schema.commitments)
        .values({ agreementId, parentId, ref, title: ref, theme: "x", progress })
        .returning()
        .get().id;
    const m1 = add(top, "2.1", null);
    const g1 = add(m1, "2.1.1", null);
    add(g1, "2.1.1.1", 100);
    add(top, "2.2", 0);
    const fromAgreement = getAgreementBySlug(t.db, SLUG)?.commitments.find((c) => c.id === top);
    expect(fromAgreement?.progress).toBe(50);
    expect(getCommitment(t.db, top)?.progress).toBe(50);
    expect(getCommitment(t.db, top)?.milestones.map((m) => [m.ref, m.progress])).toEqual([
      ["2.1", 100],
      ["2.2", 0],
    ]);
    expect(fromAgreement?.milestones[0]?.milestones[0]?.progress).toBe(100);
  });
});
