/**
 * The API's agreement document a page at a time (db/queries/agreement-api.ts, lib/api/serialize.ts
 * `agreementDetailJson`) on the real SQLite file: an agreement of 75 live rows gives three pages of
 * the list's rows for that agreement, in order, each row once; a page past the last is the last.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { agreementApiPage } from "@/db/queries/agreement-api";
import { iterateCommitmentList } from "@/db/queries/list";
import { agreementDetailJson } from "@/lib/api/serialize";
import { listQuerySchema } from "@/lib/commitment-list";

import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
const ORIGIN = "https://tracker.example";
let t: TempDb;
let slug: string;

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 250, seed: 3 });
  const ids = t.db
    .all<{ id: number; slug: string }>(
      sql`SELECT id, slug FROM agreements WHERE slug LIKE 'grown-%' ORDER BY id LIMIT 3`,
    )
    .map((r) => r);
  slug = ids[0]!.slug;
  // Three agreements' commitments in one: 75 rows (positions repeat, so the order's ties show).
  t.db.run(
    sql`UPDATE commitments SET agreement_id = ${ids[0]!.id} WHERE agreement_id IN (${ids[1]!.id}, ${ids[2]!.id})`,
  );
}, 120_000);
afterAll(() => t.cleanup());

describe("the agreement document's pages", () => {
  it("pages the agreement's rows as the commitments list does, 25 a page", () => {
    const all = [...iterateCommitmentList(t.db, listQuerySchema(TODAY).parse({ agreement: slug }), TODAY)];
    expect(all).toHaveLength(75);
    const pages = [1, 2, 3].map((n) => agreementDetailJson(agreementApiPage(t.db, slug, n, TODAY)!, n, TODAY, ORIGIN));
    expect(pages.flatMap((p) => p.commitmentList.map((c) => c.id))).toEqual(all.map((r) => r.id));
    expect(pages.map((p) => p.commitmentList.length)).toEqual([25, 25, 25]);
    expect(pages[0]!.meta).toEqual({
      total: { commitments: 60, milestones: 15 },
      page: 1,
      pages: 3,
      pageSize: 25,
      requestedPage: 1,
      pastLastPage: false,
    });
    expect(pages[1]!.links).toEqual({
      self: `${ORIGIN}/api/v1/agreements/${slug}?page=2`,
      next: `${ORIGIN}/api/v1/agreements/${slug}?page=3`,
      prev: `${ORIGIN}/api/v1/agreements/${slug}`,
      commitments: `${ORIGIN}/api/v1/commitments?agreement=${slug}`,
    });
    expect(pages[2]!.links.next).toBeNull();
  });

  it("serves the last page for a page past it, and null for an unknown agreement", () => {
    const past = agreementDetailJson(agreementApiPage(t.db, slug, 9, TODAY)!, 9, TODAY, ORIGIN);
    expect(past.meta).toMatchObject({ page: 3, requestedPage: 9, pastLastPage: true });
    expect(past.commitmentList).toHaveLength(25);
    expect(agreementApiPage(t.db, "no-such-agreement", 1, TODAY)).toBeNull();
  });
});
