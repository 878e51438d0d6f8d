/**
 * The words of the import review (issue 10, docs/decisions/016-import-review.md): the closed lists a
 * run's state and a candidate's decision take, and how the review page names them and the flags a
 * candidate carries. No I/O.
 */

/** An import run is read and under review, or failed (refused, or extraction failed). */
export const IMPORT_RUN_STATES = ["review", "failed"] as const;
export type ImportRunState = (typeof IMPORT_RUN_STATES)[number];

/**
 * A candidate's decision: "proposed" (nobody decided yet), "accepted" / "rejected" by the reviewer,
 * "imported" (a commitment was created from it), "duplicate" (skipped: already imported).
 */
export const CANDIDATE_DECISIONS = ["proposed", "accepted", "rejected", "imported", "duplicate"] as const;
export type CandidateDecision = (typeof CANDIDATE_DECISIONS)[number];

/** The decisions a reviewer may set; "imported" and "duplicate" are set by the import itself. */
export const REVIEWER_DECISIONS = ["proposed", "accepted", "rejected"] as const;
export type ReviewerDecision = (typeof REVIEWER_DECISIONS)[number];

export const DECISION_LABELS: Readonly<Record<CandidateDecision, string>> = {
  proposed: "Not decided",
  accepted: "Accepted",
  rejected: "Rejected",
  imported: "Imported",
  duplicate: "Skipped: already imported",
};

/**
 * What each flag asks the reviewer to look at (lib/import/types.ts Candidate.flags, plus
 * "position" for a candidate that is not a pledge and "overlap" for one whose passage overlaps an
 * imported commitment's: db/mutations/import-start.ts). Unknown flags are shown by their id.
 */
export const FLAG_LABELS: Readonly<Record<string, string>> = {
  negation: "Negation: check it pledges something",
  condition: "Condition: it holds only if …",
  "vague-deadline": "Vague deadline: no date",
  recurring: "Recurring: the date is the first time",
  commentary: "Commentary: the report’s words, not the agreement’s",
  position: "Position: not a pledge",
  overlap: "Overlaps a commitment already imported: check it is a new pledge",
};

/** The flags a candidate shows: its own, and "position" for a position. */
export function shownFlags(kind: "pledge" | "position", flags: readonly string[]): string[] {
  return kind === "position" ? ["position", ...flags.filter((f) => f !== "position")] : [...flags];
}

/** The label of a flag id ("negation" → "Negation: check it pledges something"). */
export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag;
}
