/**
 * The choices of the admin commitment form's "Milestone of" select, bounded (issue 9: an imported
 * agreement can hold 2,000 commitments): the agreement's first `PARENT_CHOICES` live top-level
 * commitments in agreement order (the commitment itself left out), and the current parent always,
 * even past them or a milestone itself. Any other live commitment of the agreement is chosen by
 * typing its id (the form's "parentIdTyped"); db/mutations/commitments.ts validates whichever is
 * sent (same agreement, not the commitment itself or one of its milestones).
 */
import { sql } from "drizzle-orm";

import type { Db } from "../client";

/** Top-level commitments offered in the select at most. */
export const PARENT_CHOICES = 50;

export interface ParentChoice {
  id: number;
  ref: string;
  title: string;
}

/**
 * @param selfId the commitment being edited (left out), or null for a new one
 * @param currentParentId the parent chosen now (kept among the choices), or null
 * @returns the choices in agreement order, the current parent first when it is not among them;
 *   `more` true when the agreement has more top-level commitments than shown
 */
export function parentChoices(
  db: Db,
  agreementId: number,
  selfId: number | null,
  currentParentId: number | null,
): { choices: ParentChoice[]; more: boolean } {
  const rows = db.all<ParentChoice>(sql`SELECT id, ref, title FROM commitments
    WHERE live = 1 AND agreement_id = ${agreementId} AND parent_id IS NULL AND id IS NOT ${selfId}
    ORDER BY position, id LIMIT ${PARENT_CHOICES + 1}`);
  const more = rows.length > PARENT_CHOICES;
  const choices = rows.slice(0, PARENT_CHOICES);
  if (currentParentId !== null && !choices.some((c) => c.id === currentParentId)) {
    const current = db.get<ParentChoice>(
      sql`SELECT id, ref, title FROM commitments WHERE id = ${currentParentId} AND agreement_id = ${agreementId}`,
    );
    if (current) choices.unshift(current);
  }
  return { choices, more };
}
