/**
 * The shape of a built-in dataset: an agreement with its parties, commitments, their dated status
 * updates and evidence, in plain data that `db/seed.ts` loads in one transaction.
 */
import type { CalendarDate } from "../../lib/calendar-date";
import type { EvidenceKind } from "../../lib/evidence";
import type { SourceFormat } from "../../lib/import/types";
import type { SourceDocumentKind } from "../../lib/source-documents";
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

/**
 * A source document of the dataset. Its text is a file under `db/datasets/sources/` (read as UTF-8,
 * stored exactly: offsets point into it), so the app needs no network.
 */
export interface DatasetSourceDocument {
  /** how the dataset's commitments name it (`source.document`) */
  key: string;
  kind: SourceDocumentKind;
  title: string;
  url: string | null;
  publishedOn: CalendarDate | null;
  /** file name under db/datasets/sources/ */
  file: string;
  format: SourceFormat;
}

/**
 * Where a commitment's words are in a source document: the passage as it is written there (its
 * offsets are found in the stored text when the dataset loads; an absent or ambiguous passage fails
 * the load), and whether it is commentary rather than the agreement's own words.
 */
export interface DatasetSource {
  document: string;
  passage: string;
  /** which appearance of the passage, from 1, when it occurs more than once */
  occurrence?: number;
  fromCommentary: boolean;
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
  source?: DatasetSource;
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
  sourceDocuments?: DatasetSourceDocument[];
  commitments: DatasetCommitment[];
}
