/**
 * Roll-up progress of any set of rows, milestones and their parents mixed (a deadline group's
 * page, the compare view's changed rows).
 */
import { sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import type { Db } from "../client";
import { rolledProgress } from "./list";

/**
 * Effective progress (lib/progress.ts) of each of `ids`, as it is or as it stood at the end of
 * `asOf`, by `rolledProgress`. `rolledProgress` cuts each of its ids from its parent, so a parent
 * and its milestone passed together would lose that milestone's share: here the walk starts only
 * at the ids with no ancestor among `ids` (one recursive query up the parents, seeded with one
 * JSON array), and the others take the value their ancestor's walk gives them.
 * Returns a map from id to progress (0–100) or null; ids that are not live are absent.
 */
export function rolledProgressOf(db: Db, ids: readonly number[], asOf?: CalendarDate): Map<number, number | null> {
  if (ids.length === 0) return new Map();
  const set = JSON.stringify(ids);
  const inner = new Set(
    db
      .all<{ id: number }>(
        sql`WITH RECURSIVE up(id, anc, depth) AS (
          SELECT value, value, 0 FROM json_each(${set})
          UNION SELECT up.id, c.parent_id, up.depth + 1 FROM up JOIN commitments c ON c.id = up.anc
            WHERE c.parent_id IS NOT NULL AND up.depth < 100)
        SELECT DISTINCT id FROM up WHERE depth > 0 AND anc IN (SELECT value FROM json_each(${set}))`,
      )
      .map((r) => r.id),
  );
  const rolled = rolledProgress(
    db,
    ids.filter((id) => !inner.has(id)),
    asOf,
  );
  return new Map(ids.flatMap((id) => (rolled.has(id) ? [[id, rolled.get(id) ?? null] as const] : [])));
}
