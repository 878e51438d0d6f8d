/**
 * The reads of the home page, the agreement and commitment pages and the feeds (db/queries/
 * commitments.ts, agreements.ts, agreement-index.ts, shared.ts) against references computed in
 * JavaScript from the raw tables, on the default dataset grown by the generator (db/grow.ts) to a
 * few thousand rows with a deleted milestone, a deleted parent and a deleted agreement. Liveness in
 * the references is `commitmentIsLive` (the rule walked up the tree), not the stored flag the
 * queries read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { commitmentIsLive } from "@/db/live";
import { recentlyActiveAgreements } from "@/db/queries/agreement-index";
import { getAgreementBySlug, openWithoutTargetCount } from "@/db/queries/agreements";
import { getCommitment, latestUpdates, openDeadlines } from "@/db/queries/commitments";
import { deadlineCounts } from "@/db/queries/deadlines";
import { agreementExists } from "@/db/queries/shared";
import { isAssessment } from "@/lib/freshness";
import { isFinal, type Status } from "@/lib/status";

import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;

interface Row {
  id: number;
  agreementId: number;
  parentId: number | null;
  position: number;
  targetDate: string | null;
  status: Status;
  live: boolean;
}
interface Update {
  id: number;
  commitmentId: number;
  happenedOn: string;
  targetDateFrom: string | null;
  targetDateTo: string | null;
}
let rows: Row[];
let updates: Update[];
let slugs: Map<number, string>;
let deletedSlug: string;

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 3000, seed: 11 });
  const run = (q: string) => t.db.$client.exec(q);
  const at = "'2026-01-01T00:00:00.000Z'";
  run(`UPDATE commitments SET deleted_at = ${at}
    WHERE id = (SELECT id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 9)`);
  run(`UPDATE commitments SET deleted_at = ${at}
    WHERE id = (SELECT parent_id FROM commitments WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 50)`);
  // The agreement with the latest activity, so the newest updates include some of a deleted one.
  run(`UPDATE agreements SET deleted_at = ${at} WHERE id = (SELECT agreement_id FROM agreement_activity
    ORDER BY last_update_on DESC, agreement_id DESC LIMIT 1)`);
  const raw = t.db.$client
    .prepare(
      `SELECT id, agreement_id AS agreementId, parent_id AS parentId, position, target_date AS targetDate, status
       FROM commitments`,
    )
    .all() as Omit<Row, "live">[];
  rows = raw.map((r) => ({ ...r, live: commitmentIsLive(t.db, r.id) }));
  updates = t.db.$client
    .prepare(
      `SELECT id, commitment_id AS commitmentId, happened_on AS happenedOn, target_date_from AS targetDateFrom,
        target_date_to AS targetDateTo FROM status_updates`,
    )
    .all() as Update[];
  slugs = new Map(
    (t.db.$client.prepare("SELECT id, slug FROM agreements").all() as { id: number; slug: string }[]).map((a) => [
      a.id,
      a.slug,
    ]),
  );
  deletedSlug = (
    t.db.$client.prepare("SELECT slug FROM agreements WHERE deleted_at IS NOT NULL").get() as {
      slug: string;
    }
  ).slug;
}, 120_000);
afterAll(() => t.cleanup());

const byId = () => new Map(rows.map((r) => [r.id, r]));

function lastAssessed(id: number): string | null {
  let last: string | null = null;
  for (const u of updates)
    if (u.commitmentId === id && isAssessment(u) && (!last || u.happenedOn > last)) last = u.happenedOn;
  return last;
}

describe("home page reads at a few thousand rows", () => {
  it("the setup has dead rows of each kind", () => {
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.filter((r) => !r.live).length).toBeGreaterThan(25);
    // The stored flag agrees with the walked rule (what every query here reads).
    const flags = new Map(
      (t.db.$client.prepare("SELECT id, live FROM commitments").all() as { id: number; live: number }[]).map((r) => [
        r.id,
        r.live === 1,
      ]),
    );
    expect(rows.every((r) => flags.get(r.id) === r.live)).toBe(true);
  });

  it("openDeadlines equals the open top-level rows sorted by target, position and id", () => {
    const limit = 50;
    const { overdue, upcoming, overdueCount } = openDeadlines(t.db, TODAY, limit);
    const open = rows
      .filter((r) => r.live && r.parentId === null && r.targetDate !== null && !isFinal(r.status))
      .sort(
        (a, b) =>
          (a.targetDate! < b.targetDate! ? -1 : a.targetDate! > b.targetDate! ? 1 : 0) ||
          a.position - b.position ||
          a.id - b.id,
      );
    const late = open.filter((r) => r.targetDate! < TODAY);
    const next = open.filter((r) => r.targetDate! >= TODAY);
    expect(late.length).toBeGreaterThan(limit);
    expect(next.length).toBeGreaterThan(limit);
    expect(overdueCount).toBe(late.length);
    expect(overdue.map((d) => d.id)).toEqual(late.slice(0, limit).map((r) => r.id));
    expect(upcoming.map((d) => d.id)).toEqual(next.slice(0, limit).map((r) => r.id));
    for (const d of [...overdue, ...upcoming]) {
      const r = byId().get(d.id)!;
      expect(d).toMatchObject({ status: r.status, targetDate: r.targetDate, lastUpdatedOn: lastAssessed(r.id) });
      expect(d.agreement.slug).toBe(slugs.get(r.agreementId));
    }
  });

  it("openWithoutTargetCount counts the open top-level rows without a target", () => {
    const expected = rows.filter((r) => r.live && r.parentId === null && r.targetDate === null && !isFinal(r.status));
    expect(expected.length).toBeGreaterThan(0);
    expect(openWithoutTargetCount(t.db)).toBe(expected.length);
  });

  it("latestUpdates equals the live rows' updates, newest day then newest id first, in every scope", () => {
    const rowOf = byId();
    const reference = (keep: (u: Update) => boolean, limit: number) =>
      updates
        .filter((u) => rowOf.get(u.commitmentId)!.live && keep(u))
        .sort((a, b) => (a.happenedOn < b.happenedOn ? 1 : a.happenedOn > b.happenedOn ? -1 : b.id - a.id))
        .slice(0, limit)
        .map((u) => u.id);
    // Updates of the deleted agreement are among the newest, so they must be skipped to pass.
    const newest = [...updates].sort((a, b) =>
      a.happenedOn < b.happenedOn ? 1 : a.happenedOn > b.happenedOn ? -1 : b.id - a.id,
    );
    expect(newest.slice(0, 50).some((u) => !rowOf.get(u.commitmentId)!.live)).toBe(true);
    for (const limit of [8, 50])
      expect(latestUpdates(t.db, limit).map((u) => u.id)).toEqual(reference(() => true, limit));

    const agreementId = rows.find(
      (r) => !r.live && r.parentId === null && slugs.get(r.agreementId) !== deletedSlug,
    )!.agreementId;
    const slug = slugs.get(agreementId)!;
    const inAgreement = (u: Update) => rowOf.get(u.commitmentId)!.agreementId === agreementId;
    expect(latestUpdates(t.db, 50, { agreementSlug: slug }).map((u) => u.id)).toEqual(reference(inAgreement, 50));
    expect(latestUpdates(t.db, 500, { agreementSlug: slug }).map((u) => u.id)).toEqual(reference(inAgreement, 500));
    expect(latestUpdates(t.db, 50, { agreementSlug: deletedSlug })).toEqual([]);

    const one = rows.find((r) => r.live && r.parentId !== null)!;
    expect(latestUpdates(t.db, 50, { commitmentId: one.id }).map((u) => u.id)).toEqual(
      reference((u) => u.commitmentId === one.id, 50),
    );
    const dead = rows.find((r) => !r.live)!;
    expect(latestUpdates(t.db, 50, { commitmentId: dead.id })).toEqual([]);
  });

  it("an agreement's page and the recently active cards count its live rows (commitments and milestones apart)", () => {
    const counts = (agreementId: number) => {
      const mine = rows.filter((r) => r.live && r.agreementId === agreementId);
      const top = mine.filter((r) => r.parentId === null);
      const statusCounts: Record<string, number> = {};
      for (const r of top) statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
      return {
        total: top.length,
        milestones: mine.length - top.length,
        openWithoutTarget: top.filter((r) => r.targetDate === null && !isFinal(r.status)).length,
        statusCounts,
      };
    };
    const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0));
    // Agreements with a dead row, and a plain one.
    const ids = [...new Set(rows.filter((r) => !r.live).map((r) => r.agreementId))]
      .filter((id) => slugs.get(id) !== deletedSlug)
      .concat([1, 7]);
    for (const id of ids) {
      const a = getAgreementBySlug(t.db, slugs.get(id)!)!;
      const want = counts(id);
      expect({ ...a, statusCounts: nonZero(a.statusCounts) }).toMatchObject(want);
      const shown = [...a.commitments, ...a.commitments.flatMap((c) => c.milestones)]
        .map((c) => c.id)
        .sort((x, y) => x - y);
      expect(shown).toEqual(
        rows
          .filter((r) => r.live && r.agreementId === id)
          .map((r) => r.id)
          .sort((x, y) => x - y),
      );
    }
    expect(getAgreementBySlug(t.db, deletedSlug)).toBeNull();

    const recent = recentlyActiveAgreements(t.db, 6);
    expect(recent.total).toBe(slugs.size - 1);
    expect(recent.rows.map((r) => r.slug)).not.toContain(deletedSlug);
    for (const r of recent.rows) {
      expect({ total: r.total, milestones: r.milestones, openWithoutTarget: r.openWithoutTarget }).toEqual({
        total: counts(r.id).total,
        milestones: counts(r.id).milestones,
        openWithoutTarget: counts(r.id).openWithoutTarget,
      });
      expect(nonZero(r.statusCounts)).toEqual(counts(r.id).statusCounts);
    }
  });

  it("a commitment's page exists exactly for the live rows; agreementExists exactly for live slugs", () => {
    const sample = [...rows.filter((r) => !r.live), ...rows.filter((r) => r.live).filter((_, i) => i % 97 === 0)];
    for (const r of sample) expect(getCommitment(t.db, r.id) !== null).toBe(r.live);
    expect(getCommitment(t.db, 10 ** 9)).toBeNull();
    for (const slug of slugs.values()) expect(agreementExists(t.db, slug)).toBe(slug !== deletedSlug);
    expect(agreementExists(t.db, "no-such-agreement")).toBe(false);
  });

  it("reads bounded by the page: the queries' plans use indexes, not scans of commitments or status_updates", () => {
    const plan = (q: string) =>
      (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join("\n");
    const open = `live = 1 AND parent_id IS NULL AND target_date IS NOT NULL
      AND status IN ('not_assessed', 'not_started', 'in_progress', 'stalled')`;
    const overdue = plan(`SELECT id FROM commitments WHERE ${open} AND target_date < '${TODAY}'
      ORDER BY target_date, position, id LIMIT 50`);
    expect(overdue).toContain("INDEX commitments_open_target_idx (live=? AND parent_id=? AND target_date>?");
    expect(overdue).not.toContain("TEMP B-TREE");
    expect(plan(`SELECT count(*) FROM commitments WHERE ${open} AND target_date < '${TODAY}'`)).toContain(
      "COVERING INDEX commitments_open_target_idx",
    );
    // The newest updates across agreements: the day index walked backwards, no sort of every update.
    const latest = plan(`SELECT su.id FROM status_updates su JOIN commitments c ON c.id = su.commitment_id
      JOIN agreements a ON a.id = c.agreement_id WHERE +c.live = 1 ORDER BY su.happened_on DESC, su.id DESC LIMIT 8`);
    expect(latest).toContain("SCAN su USING INDEX status_updates_happened_idx");
    expect(latest).not.toContain("TEMP B-TREE");
  });
});

/**
 * The plans of the statements `read` runs on `t.db` (EXPLAIN QUERY PLAN of each, with the values it
 * bound), one string per statement.
 */
function plansOf(read: () => unknown): { sql: string; plan: string }[] {
  const client = t.db.$client;
  const seen: { sql: string; params: unknown[] }[] = [];
  const prepare = client.prepare.bind(client);
  client.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = statement[method].bind(statement) as (...a: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        seen.push({ sql: source, params });
        return original(...params);
      };
    }
    return statement;
  }) as typeof client.prepare;
  try {
    read();
  } finally {
    client.prepare = prepare;
  }
  return seen.map(({ sql, params }) => ({
    sql,
    plan: (client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join("\n"),
  }));
}

describe("with planner statistics (PRAGMA optimize, as the server runs it)", () => {
  beforeAll(() => {
    t.db.$client.exec("ANALYZE");
  });

  it("the home page's deadlines, latest updates and the deadlines page keep their index walks", () => {
    const plans = [
      ...plansOf(() => openDeadlines(t.db, TODAY)),
      ...plansOf(() => latestUpdates(t.db, 8)),
      ...plansOf(() => deadlineCounts(t.db, TODAY)),
    ];
    expect(plans.length).toBeGreaterThan(4);
    for (const { sql, plan } of plans) {
      // A skip-scan of the live flag or a Bloom filter built over every commitment: the plans that
      // statistics chose for these statements before they were rewritten (15–20 ms at 50,000).
      expect(plan, sql).not.toMatch(/ANY\(|BLOOM FILTER|SCAN commitments|SCAN c\b/);
    }
    const latest = plansOf(() => latestUpdates(t.db, 8))
      .map((p) => p.plan)
      .join("\n");
    expect(latest).toContain("SCAN su USING INDEX status_updates_happened_idx");
    // Still the right rows with statistics.
    const want = updates
      .filter((u) => rows.find((r) => r.id === u.commitmentId)?.live)
      .sort((a, b) => b.happenedOn.localeCompare(a.happenedOn) || b.id - a.id)
      .slice(0, 8)
      .map((u) => u.id);
    expect(latestUpdates(t.db, 8).map((u) => u.id)).toEqual(want);
    // Each plan is read with EXPLAIN on a database of thousands of rows: about 4 s on a loaded machine.
  }, 30_000);
});
