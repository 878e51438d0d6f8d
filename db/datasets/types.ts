/**
 * The shape of a built-in dataset: an agreement with its parties, commitments, their dated status
 * updates and evidence, in plain data that `db/seed.ts` loads in one transaction.
 */
import type { CalendarDate } from "../../lib/calendar-date";
import type { EvidenceKind } from "../../lib/evidence";
import type { Status } from "../../lib/status";
import type { TargetPrecision } from "../../lib/target-date";

export interface DatasetEvidence {
  url: string;
  title: string;
  publisher: string;
  publishedOn: CalendarDate | null;
  kind: EvidenceKind;
}

/** One entry of a commitment's timeline; `statusFrom` is the previous entry's `statusTo`. */
export interface DatasetUpdate {
  happenedOn: CalendarDate;
  statusTo: Status;
  progressTo?: number | null;
  note: string;
  evidence: DatasetEvidence[];
}

export interface DatasetCommitment {
  ref: string;
  title: string;
  description: string;
  quote?: string;
  theme: string;
  strength?: "binding" | "intent" | "exploratory";
  owner: string;
  /** party codes of the parties that owe it */
  parties: string[];
  target?: { date: CalendarDate; precision: TargetPrecision; phrase: string };
  /** oldest first; the last entry gives the current status and progress */
  updates: DatasetUpdate[];
  /** evidence not tied to a status update (e.g. reports that disagree) */
  evidence?: DatasetEvidence[];
  milestones?: DatasetCommitment[];
}

export interface Dataset {
  parties: { code: string; name: string }[];
  agreement: {
    slug: string;
    title: string;
    kind: string;
    signedOn: CalendarDate;
    place: string;
    summary: string;
    sourceUrl: string;
    parties: { code: string; signatory: string }[];
  };
  commitments: DatasetCommitment[];
}
