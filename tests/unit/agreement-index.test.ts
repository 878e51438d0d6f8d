/**
 * The /agreements index in SQL (db/queries/agreement-index.ts) on a database grown by db/grow.ts:
 * totals equal the rows its pages return, every facet count equals the total of that filter, each
 * row's counts equal the live view counted in JS (the counting rule), "most recently active"
 * equals the history's latest day (kept by triggers), LIKE wildcards match themselves, and a page
 * past the last gives the last.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Db } from "../../db/client";
import { prepareDatabase } from "../../db/client";
import { growDatabase } from "../../db/grow";
import { isLiveCommitment } from "../../db/live";
import { listAgreementIndex, recentlyActiveAgreements } from "../../db/queries/agreement-index";
import { commitments } from "../../db/schema";
import {
  type AgreementQuery,
  agreementQuerySchema,
  likeContains,
  listHref,
  parseListQuery,
} from "../../lib/agreement-index";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-agreement-index-"));
let db: Db;

beforeAll(() => {
  db = prepareDatabase(path.join(dir, "grown.sqlite"));
  // 120 agreements of 25 commitments, plus the default dataset's one.
  growDatabase(db.$client, { commitments: 3000 });
  // A deleted agreement and a deleted parent commitment, which the index must leave out.
  db.$client.exec("UPDATE agreements SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = 3");
  db.$client.exec(
    "UPDATE commitments SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = (SELECT min(id) FROM commitments WHERE agreement_id = 4 AND parent_id IS NULL AND id IN (SELECT parent_id FROM commitments WHERE parent_id IS NOT NULL))",
  );
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const parse = (raw: Record<string, string>): AgreementQuery => agreementQuerySchema.parse(raw);

/** Every row of every page of `query`. */
function allPages(query: AgreementQuery) {
  const first = listAgreementIndex(db, query);
  const rows = [...first.rows];
  for (let p = 2; p <= first.pages; p++) rows.push(...listAgreementIndex(db, { ...query, page: p }).rows);
  return { first, rows };
}

describe("the /agreements index", () => {
  it("returns as many rows over its pages as its total says, 25 a page, each agreement once", () => {
    for (const raw of [
      {},
      { sort: "signed" },
      { sort: "title" },
      { party: "KR" },
      { q: "trade" },
      { year: "2020" },
    ] as Record<string, string>[]) {
      const { first, rows } = allPages(parse(raw));
      expect(first.rows.length).toBe(Math.min(25, first.total));
      expect(rows.length).toBe(first.total);
      expect(new Set(rows.map((r) => r.id)).size).toBe(first.total);
      expect(rows.some((r) => r.id === 3)).toBe(false);
    }
    const live = db.$client.prepare("SELECT count(*) AS n FROM agreements WHERE deleted_at IS NULL").get() as {
      n: number;
    };
    expect(listAgreementIndex(db, parse({})).total).toBe(live.n);
    expect(live.n).toBeGreaterThan(100);
  });

  it("counts for each party, kind and year value what choosing it returns, with the other filters kept", () => {
    for (const raw of [{}, { q: "trade" }, { year: "2021" }, { party: "KR", kind: "treaty" }] as Record<
      string,
      string
    >[]) {
      const query = parse(raw);
      const { facets } = listAgreementIndex(db, query);
      for (const [facet, values] of Object.entries(facets) as [
        keyof typeof facets,
        { value: string; count: number }[],
      ][]) {
        if (Object.keys(raw).length === 0) expect(values.length).toBeGreaterThan(1);
        for (const v of values) expect(listAgreementIndex(db, { ...query, [facet]: v.value }).total).toBe(v.count);
      }
    }
  });

  it("gives each row its live commitments by status and its milestones apart (the counting rule)", () => {
    const liveRows = db
      .select({
        id: commitments.id,
        agreementId: commitments.agreementId,
        parentId: commitments.parentId,
        status: commitments.status,
      })
      .from(commitments)
      .where(isLiveCommitment(commitments.id))
      .all();
    const { rows } = allPages(parse({ sort: "title" }));
    for (const r of rows) {
      const mine = liveRows.filter((c) => c.agreementId === r.id);
      expect(r.total).toBe(mine.filter((c) => c.parentId === null).length);
      expect(r.milestones).toBe(mine.filter((c) => c.parentId !== null).length);
      for (const [status, n] of Object.entries(r.statusCounts)) {
        expect(n).toBe(mine.filter((c) => c.parentId === null && c.status === status).length);
      }
    }
    // Agreement 4 lost a parent and its milestone with it.
    const four = rows.find((r) => r.id === 4);
    expect(four?.total).toBe(19);
    expect(four?.milestones).toBe(4);
  });

  it("sorts by latest status update by default, which triggers keep current on every write", () => {
    const latest = () =>
      new Map(
        (
          db.$client
            .prepare(
              "SELECT c.agreement_id AS id, max(su.happened_on) AS day FROM status_updates su JOIN commitments c ON c.id = su.commitment_id GROUP BY c.agreement_id",
            )
            .all() as { id: number; day: string }[]
        ).map((r) => [r.id, r.day]),
      );
    const check = () => {
      const days = latest();
      const { rows } = allPages(parse({}));
      for (const r of rows) expect(r.lastActivityOn).toBe(days.get(r.id) ?? null);
      const order = rows.map((r) => r.lastActivityOn ?? "");
      expect(order).toEqual([...order].sort().reverse());
      return rows;
    };
    const before = check();
    const last = before.at(-1)!;
    const commitmentId = (
      db.$client.prepare("SELECT min(id) AS id FROM commitments WHERE agreement_id = ?").get(last.id) as { id: number }
    ).id;
    const inserted = db.$client
      .prepare(
        "INSERT INTO status_updates (commitment_id, status_to, happened_on) VALUES (?, 'in_progress', '2026-11-30')",
      )
      .run(commitmentId);
    expect(check()[0]!.id).toBe(last.id);
    expect(recentlyActiveAgreements(db, 6).rows[0]!.id).toBe(last.id);
    db.$client.prepare("DELETE FROM status_updates WHERE id = ?").run(inserted.lastInsertRowid);
    expect(check().at(-1)!.lastActivityOn).toBe(last.lastActivityOn);
  });

  it("sorts by signing date and by title", () => {
    const signed = allPages(parse({ sort: "signed" })).rows.map((r) => r.signedOn ?? "");
    expect(signed).toEqual([...signed].sort().reverse());
    const titles = allPages(parse({ sort: "title" })).rows.map((r) => r.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
  });

  it("filters by party, kind, year and words, matching % and _ as themselves", () => {
    const kr = allPages(parse({ party: "kr" })).rows;
    expect(kr.length).toBeGreaterThan(0);
    expect(kr.every((r) => r.parties.some((p) => p.code === "KR"))).toBe(true);
    const year = allPages(parse({ year: "2019" })).rows;
    expect(year.length).toBeGreaterThan(0);
    expect(year.every((r) => r.signedOn?.startsWith("2019-"))).toBe(true);
    const kind = allPages(parse({ kind: "TREATY" })).rows;
    expect(kind.length).toBeGreaterThan(0);
    expect(kind.every((r) => r.kind.toLowerCase() === "treaty")).toBe(true);
    const words = allPages(parse({ q: "trade" })).rows;
    expect(words.every((r) => `${r.title} ${r.summary}`.toLowerCase().includes("trade"))).toBe(true);
    expect(listAgreementIndex(db, parse({ q: "100%" })).total).toBe(0);
    db.$client.exec("UPDATE agreements SET title = 'A 100% tariff cut' WHERE id = 5");
    expect(listAgreementIndex(db, parse({ q: "100%" })).rows.map((r) => r.id)).toEqual([5]);
    expect(listAgreementIndex(db, parse({ q: "a_1" })).total).toBe(0);
    expect(likeContains("50%_\\")).toBe("%50\\%\\_\\\\%");
  });

  it("gives the last page for a page past it, and names bad parameters", () => {
    const result = listAgreementIndex(db, parse({ page: "999" }));
    expect(result.page).toBe(result.pages);
    expect(result.rows.length).toBe(result.total - (result.pages - 1) * 25);
    const { query, errors } = parseListQuery(agreementQuerySchema, {
      year: "20x1",
      sort: "name",
      party: "KR",
      page: "0",
    });
    expect(errors.map((e) => e.field).sort()).toEqual(["page", "sort", "year"]);
    expect(query).toMatchObject({ party: "KR", sort: "active", page: 1 });
    expect(query.year).toBeUndefined();
    expect(listHref("/agreements", { ...query, q: "a b" }, { page: 2 }, { sort: "active" })).toBe(
      "/agreements?party=KR&page=2&q=a+b",
    );
  });
});
