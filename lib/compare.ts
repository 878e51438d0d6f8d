/**
 * The compare view of issue 4: what changed between two dates, from each commitment's status
 * history (lib/commitment-list.ts `asOfRow`). A row is listed when its status or progress differs,
 * or when it did not exist yet on the first date.
 */
import type { CalendarDate } from "./calendar-date";
import { asOfRow, type CatalogRow } from "./commitment-list";
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
  const changes: Change[] = [];
  for (const row of catalog) {
    const after = asOfRow(row, to);
    if (!after) continue;
    const before = asOfRow(row, from);
    if (before && before.status === after.status && before.progress === after.progress) continue;
    changes.push({
      row: after,
      fromStatus: before?.status ?? null,
      toStatus: after.status,
      fromProgress: before?.progress ?? null,
      toProgress: after.progress,
    });
  }
  return changes;
}
