/**
 * The compare view of issue 4: what changed between two dates, from each commitment's status
 * history as the as-of views read it (lib/commitment-list.ts `asOfCatalog`: a parent's progress is
 * rolled up from its milestones as they stood on each date). A row is listed when its status or
 * progress differs, or when it did not exist yet on the first date.
 */
import type { CalendarDate } from "./calendar-date";
import { asOfCatalog, type CatalogRow } from "./commitment-list";
import type { Status } from "./status";

export interface Change {
  row: CatalogRow;
  /** null when the commitment did not exist yet on `from` */
  fromStatus: Status | null;
  toStatus: Status;
  fromProgress: number | null;
  toProgress: number | null;
}

/** The commitments whose status or progress changed between `from` and `to` (from ≤ to). */
export function compareDates(catalog: readonly CatalogRow[], from: CalendarDate, to: CalendarDate): Change[] {
  const before = new Map(asOfCatalog(catalog, from).map((row) => [row.id, row]));
  const changes: Change[] = [];
  for (const after of asOfCatalog(catalog, to)) {
    const then = before.get(after.id);
    if (then && then.status === after.status && then.progress === after.progress) continue;
    changes.push({
      row: after,
      fromStatus: then?.status ?? null,
      toStatus: after.status,
      fromProgress: then?.progress ?? null,
      toProgress: after.progress,
    });
  }
  return changes;
}
