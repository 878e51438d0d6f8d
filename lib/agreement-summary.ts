/**
 * Roll-up figures for an agreement page: how many top-level commitments are final, overdue, or
 * have a progress figure, and the commitments grouped by theme in agreement order.
 */
import type { AgreementCommitment, AgreementDetail } from "../db/queries/agreements";
import type { CalendarDate } from "./calendar-date";
import { asOfCatalog, type CatalogRow } from "./commitment-list";
import { meanProgress } from "./progress";
import { emptyStatusCounts, isFinal, type Status } from "./status";
import { isOverdue } from "./target-date";

interface SummaryInput {
  status: Status;
  targetDate: CalendarDate | null;
  progress: number | null;
}

export interface AgreementFigures {
  /** top-level commitments with a final status */
  final: number;
  /** top-level commitments overdue on `today` */
  overdue: number;
  /** top-level commitments with a progress figure (own or rolled up) */
  withProgress: number;
}

/** Count final, overdue and measured commitments among `commitments` (top-level only). */
export function summariseAgreement(commitments: readonly SummaryInput[], today: CalendarDate): AgreementFigures {
  return {
    final: commitments.filter((c) => isFinal(c.status)).length,
    overdue: commitments.filter((c) => isOverdue(c, today)).length,
    withProgress: commitments.filter((c) => c.progress !== null).length,
  };
}

/** Group items by `theme`, themes in order of first appearance, items in their given order. */
export function groupByTheme<T extends { theme: string }>(items: readonly T[]): { theme: string; commitments: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.theme, [...(groups.get(item.theme) ?? []), item]);
  return [...groups].map(([theme, commitments]) => ({ theme, commitments }));
}

/**
 * The agreement as it stood at the end of `asOf`: every commitment's and milestone's status,
 * progress (parents rolled up from their milestones then), target date and last update from its
 * history (the list's rule, `asOfCatalog`), a
 * fulfilment date only if it came by then, and the status counts and mean progress recomputed.
 * Rows are matched to `catalog` by id; one not in the catalog is left as it is.
 */
export function agreementAsOf(
  detail: AgreementDetail,
  catalog: readonly CatalogRow[],
  asOf: CalendarDate,
): AgreementDetail {
  const rows = new Map(asOfCatalog(catalog, asOf).map((r) => [r.id, r]));
  const then = (c: AgreementCommitment): AgreementCommitment => {
    const past = rows.get(c.id) ?? null;
    return {
      ...c,
      ...(past
        ? {
            status: past.status,
            progress: past.progress,
            targetDate: past.targetDate,
            targetPrecision: past.targetPrecision,
            targetPhrase: past.targetPhrase,
            lastUpdatedOn: past.lastUpdatedOn,
          }
        : {}),
      fulfilledOn: c.fulfilledOn !== null && c.fulfilledOn <= asOf ? c.fulfilledOn : null,
      milestones: c.milestones.map(then),
    };
  };
  const commitments = detail.commitments.map(then);
  const statusCounts = emptyStatusCounts();
  for (const c of commitments) statusCounts[c.status] += 1;
  return { ...detail, commitments, statusCounts, meanProgress: meanProgress(commitments.map((c) => c.progress)) };
}
