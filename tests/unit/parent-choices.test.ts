/**
 * The admin commitment form's bounded "Milestone of" choices (db/queries/parent-choices.ts) on the
 * real SQLite file: an agreement of 75 rows (60 top-level) offers its first 50 top-level
 * commitments in agreement order, never the commitment itself, always the current parent (the
 * server's check of a typed parent is tested in tests/unit/agreement-admin.test.ts).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { growDatabase } from "@/db/grow";
import { PARENT_CHOICES, parentChoices } from "@/db/queries/parent-choices";

import { createTempDb, type TempDb } from "../support/temp-db";

let t: TempDb;
let agreementId: number;
let top: number[];

beforeAll(() => {
  t = createTempDb();
  growDatabase(t.db.$client, { commitments: 250, seed: 3 });
  const ids = t.db
    .all<{ id: number }>(sql`SELECT id FROM agreements WHERE slug LIKE 'grown-%' ORDER BY id LIMIT 3`)
    .map((r) => r.id);
  agreementId = ids[0]!;
  t.db.run(sql`UPDATE commitments SET agreement_id = ${agreementId} WHERE agreement_id IN (${ids[1]!}, ${ids[2]!})`);
  top = t.db
    .all<{ id: number }>(
      sql`SELECT id FROM commitments WHERE agreement_id = ${agreementId} AND live = 1
      AND parent_id IS NULL ORDER BY position, id`,
    )
    .map((r) => r.id);
}, 120_000);
afterAll(() => t.cleanup());

describe("parentChoices", () => {
  it("offers the first 50 top-level commitments in order, and says there are more", () => {
    expect(top).toHaveLength(60);
    const { choices, more } = parentChoices(t.db, agreementId, null, null);
    expect(choices.map((c) => c.id)).toEqual(top.slice(0, PARENT_CHOICES));
    expect(more).toBe(true);
  });

  it("leaves the commitment itself out and keeps the current parent, even a milestone past the 50", () => {
    const self = top[3]!;
    const { choices } = parentChoices(t.db, agreementId, self, null);
    expect(choices.map((c) => c.id)).toEqual(top.filter((id) => id !== self).slice(0, PARENT_CHOICES));
    const milestone = t.db.get<{ id: number }>(sql`SELECT id FROM commitments WHERE agreement_id = ${agreementId}
      AND parent_id IS NOT NULL ORDER BY id DESC LIMIT 1`)!.id;
    for (const current of [top[55]!, milestone]) {
      const kept = parentChoices(t.db, agreementId, self, current).choices;
      expect(kept[0]?.id).toBe(current);
      expect(kept).toHaveLength(PARENT_CHOICES + 1);
    }
  });

  it("does not offer a commitment of another agreement as the current parent", () => {
    const other = t.db.get<{ id: number }>(
      sql`SELECT id FROM commitments WHERE agreement_id <> ${agreementId} LIMIT 1`,
    )!.id;
    expect(parentChoices(t.db, agreementId, null, other).choices.map((c) => c.id)).toEqual(top.slice(0, 50));
  });
});
