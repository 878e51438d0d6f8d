/**
 * The staff and admin lists in pages of SQL (db/queries/lists.ts, the audit log in
 * db/queries/admin.ts) on a database grown by db/grow.ts: totals equal the rows their pages return,
 * searches and filters return what they say, and progress rolls up as lib/progress.ts says.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { type Db, prepareDatabase } from "../../db/client";
import { growDatabase } from "../../db/grow";
import { getAgreementForAdmin, listAudit, listThemes } from "../../db/queries/admin";
import {
  adminAgreementCommitmentPage,
  adminAgreementCommitmentsQuerySchema,
  adminAgreementPage,
  adminAgreementQuerySchema,
  adminUserPage,
  adminUserQuerySchema,
  type ListPage,
  staffCommitmentPage,
  staffQuerySchema,
} from "../../db/queries/lists";
import { rollUpProgress } from "../../lib/progress";
import type { Status } from "../../lib/status";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-admin-lists-"));
let db: Db;

beforeAll(() => {
  db = prepareDatabase(path.join(dir, "grown.sqlite"));
  growDatabase(db.$client, { commitments: 2500 });
  db.$client.exec("UPDATE agreements SET deleted_at = '2026-01-01T00:00:00Z' WHERE id IN (2, 3)");
  const user = db.$client.prepare("INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, 'x', ?)");
  for (let i = 0; i < 120; i++)
    user.run(`user${String(i).padStart(3, "0")}@example.org`, `User ${i}`, i % 4 ? "editor" : "admin");
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function every<T, Q extends { page: number }>(
  read: (q: Q) => ListPage<T>,
  query: Q,
): { first: ListPage<T>; rows: T[] } {
  const first = read(query);
  const rows = [...first.rows];
  for (let p = 2; p <= first.pages; p++) rows.push(...read({ ...query, page: p }).rows);
  return { first, rows };
}

describe("/staff", () => {
  const staff = (raw: Record<string, string>) => {
    const query = staffQuerySchema.parse(raw);
    return every((q: typeof query) => staffCommitmentPage(db, q), query);
  };

  it("pages every live commitment and milestone, 50 a page, in agreement order", () => {
    const { first, rows } = staff({});
    const live = db.$client.prepare("SELECT count(*) AS n FROM live_commitments").get() as { n: number };
    expect(first.total).toBe(live.n);
    expect(first.rows).toHaveLength(50);
    expect(rows).toHaveLength(live.n);
    expect(new Set(rows.map((r) => r.id)).size).toBe(live.n);
  });

  it("finds by words in the title, number or agreement, and by status", () => {
    const { first, rows } = staff({ q: "renewable" });
    expect(first.total).toBeGreaterThan(0);
    expect(rows).toHaveLength(first.total);
    for (const r of rows) expect(`${r.title} ${r.ref} ${r.agreement.title}`.toLowerCase()).toContain("renewable");
    const stalled = staff({ status: "stalled" });
    expect(stalled.rows.length).toBe(stalled.first.total);
    expect(stalled.rows.every((r) => r.status === "stalled")).toBe(true);
    expect(staff({ q: "100%" }).first.total).toBe(0);
  });

  it("rolls a parent's progress up from its milestones", () => {
    const all = db.$client
      .prepare(
        "SELECT id, parent_id AS parentId, progress, status FROM commitments WHERE id IN (SELECT id FROM live_commitments)",
      )
      .all() as { id: number; parentId: number | null; progress: number | null; status: Status }[];
    const expected = rollUpProgress(all);
    const { rows } = staff({});
    const parents = rows.filter((r) => all.some((c) => c.parentId === r.id));
    expect(parents.length).toBeGreaterThan(50);
    for (const r of rows) expect(r.progress).toBe(expected.get(r.id) ?? null);
  });

  it("gives the last page for a page past it", () => {
    const result = staffCommitmentPage(db, staffQuerySchema.parse({ page: "9999" }));
    expect(result.page).toBe(result.pages);
    expect(result.rows.length).toBe(result.total - (result.pages - 1) * 50);
  });
});

describe("/admin/agreements and /admin/users", () => {
  it("pages agreements, deleted ones too, and finds them by words and state", () => {
    const q = adminAgreementQuerySchema.parse({});
    const { first, rows } = every((x: typeof q) => adminAgreementPage(db, x), q);
    const n = (db.$client.prepare("SELECT count(*) AS n FROM agreements").get() as { n: number }).n;
    expect(first.total).toBe(n);
    expect(rows).toHaveLength(n);
    expect(first.rows).toHaveLength(50);
    expect(adminAgreementPage(db, adminAgreementQuerySchema.parse({ state: "deleted" })).total).toBe(2);
    const found = adminAgreementPage(db, adminAgreementQuerySchema.parse({ q: "kr-my-strategic" }));
    expect(found.rows.map((a) => [a.slug, a.commitments])).toEqual([["kr-my-strategic-partnership-2024", 17]]);
  });

  it("pages users by email and finds them by words, role and state", () => {
    const q = adminUserQuerySchema.parse({});
    const { first, rows } = every((x: typeof q) => adminUserPage(db, x), q);
    const n = (db.$client.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n;
    expect(first.total).toBe(n);
    expect(rows.map((u) => u.email)).toEqual(rows.map((u) => u.email).sort());
    expect(adminUserPage(db, adminUserQuerySchema.parse({ q: "user01" })).total).toBe(10);
    expect(
      adminUserPage(db, adminUserQuerySchema.parse({ q: "user01", role: "admin" })).rows.map((u) => u.email),
    ).toEqual(["user012@example.org", "user016@example.org"]);
    expect(rows.some((u) => "passwordHash" in u)).toBe(false);
  });
});

describe("/admin/agreements/[id]", () => {
  it("pages an agreement's commitments, deleted ones and those under them too, as getAgreementForAdmin lists them", () => {
    // Agreement 4 gets 60 more commitments, a deleted parent (its milestone hidden under it) and a deleted row.
    const add = db.$client.prepare(
      "INSERT INTO commitments (agreement_id, ref, position, title, theme, status) VALUES (4, ?, ?, ?, 'Trade', 'not_assessed')",
    );
    for (let i = 0; i < 60; i++) add.run(`x${i}`, 100 + i, `Extra pledge ${i}`);
    const milestone = db.$client
      .prepare(
        "SELECT id, parent_id AS parentId FROM commitments WHERE agreement_id = 4 AND parent_id IS NOT NULL LIMIT 1",
      )
      .get() as { id: number; parentId: number };
    db.$client.exec(`UPDATE commitments SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ${milestone.parentId}`);
    db.$client.exec("UPDATE commitments SET deleted_at = '2026-01-01T00:00:00Z' WHERE agreement_id = 4 AND ref = 'x7'");
    const want = getAgreementForAdmin(db, 4)!.commitments;
    const q = adminAgreementCommitmentsQuerySchema.parse({});
    const { first: firstPage, rows } = every((x: typeof q) => adminAgreementCommitmentPage(db, 4, x), q);
    const first = adminAgreementCommitmentPage(db, 4, q);
    expect(firstPage).toEqual(first);
    expect(first.total).toBe(85);
    expect(first.rows).toHaveLength(50);
    expect(rows).toEqual(
      want.map(({ id, ref, title, parentId, status, deletedAt, underDeleted }) => ({
        id,
        ref,
        title,
        parentId,
        status,
        deletedAt,
        underDeleted,
      })),
    );
    expect(rows.find((r) => r.id === milestone.id)?.underDeleted).toBe(true);
    expect(first.shown).toBe(want.filter((c) => !c.deletedAt && !c.underDeleted).length);
    expect(first.shown).toBe(82);
    const found = adminAgreementCommitmentPage(
      db,
      4,
      adminAgreementCommitmentsQuerySchema.parse({ q: "Extra pledge 1" }),
    );
    expect(found.total).toBe(11);
    expect(found.shown).toBe(82);
    expect(adminAgreementCommitmentPage(db, 4, adminAgreementCommitmentsQuerySchema.parse({ page: "9" })).page).toBe(2);
  });
});

describe("theme suggestions", () => {
  it("are the distinct themes of live commitments, in order", () => {
    const want = (
      db.$client.prepare("SELECT DISTINCT theme FROM commitments WHERE live = 1 ORDER BY theme").all() as {
        theme: string;
      }[]
    ).map((r) => r.theme);
    expect(want.length).toBeGreaterThan(5);
    expect(listThemes(db)).toEqual(want);
  });
});

describe("the audit log", () => {
  it("filters by action and entity id, counting what it pages, and lists its actions", () => {
    const count = (where: string) =>
      (db.$client.prepare(`SELECT count(*) AS n FROM audit_log WHERE ${where}`).get() as { n: number }).n;
    const all = listAudit(db, {});
    expect(all.actions).toEqual(
      (db.$client.prepare("SELECT DISTINCT action FROM audit_log ORDER BY action").all() as { action: string }[]).map(
        (r) => r.action,
      ),
    );
    expect(all.entityTypes).toContain("commitment");
    const creates = listAudit(db, { action: "status_update.create" });
    expect(creates.total).toBe(count("action = 'status_update.create'"));
    expect(creates.rows).toHaveLength(50);
    expect(creates.rows.every((r) => r.action === "status_update.create")).toBe(true);
    const one = listAudit(db, { entityType: "commitment", entityId: "30" });
    expect(one.total).toBe(count("entity_type = 'commitment' AND entity_id = '30'"));
    expect(one.total).toBeGreaterThan(0);
    expect(one.rows.every((r) => r.entityId === "30")).toBe(true);
  });
});
