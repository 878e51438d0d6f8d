/**
 * The shapes that the import pipeline's stages hand each other (issue 10): text in
 * (lib/import/text-in.ts), structure and candidates (lib/import/structure.ts,
 * lib/import/candidates.ts, the codebook in docs/import-codebook.md) and deadline resolution
 * (lib/import/deadlines.ts). Types only; each stage documents its rules.
 *
 * Offsets are indexes into a JavaScript string (UTF-16 code units) of the stored text, as
 * `String.prototype.slice` takes them: for every span, `text.slice(start, end)` is its quote.
 */
import type { CalendarDate } from "../calendar-date";
import type { TargetPrecision } from "../target-date";

/** Where a stored text came from: a file of one of these formats, or pasted. */
export type SourceFormat = "txt" | "md" | "html" | "docx" | "pdf" | "paste";

/** A source document's text as stored, with what was assumed to read it. */
export interface SourceText {
  /** The text offsets point into: decoded, without a byte-order mark, line ends as in the file. */
  text: string;
  format: SourceFormat;
  /** The encoding the bytes were read as: "UTF-8", "EUC-KR", "windows-1252", … */
  encoding: string;
  /** True when the encoding was a guess (no BOM, not valid UTF-8): show it to the reviewer. */
  encodingGuessed: boolean;
  /** Plain sentences for the reviewer ("Read as EUC-KR (detected, 97% confidence)."). */
  notes: string[];
}

/** Why a text could not be taken in; `field` names the form field to show the message beside. */
export type ImportInputProblem =
  "empty" | "too_large" | "binary" | "unsupported_type" | "encoding" | "scanned_pdf" | "unreadable";

/** A paragraph of the text: its own number when it has one ("3", "3.1", "(a)"), and its span. */
export interface Paragraph {
  /** 1-based position among the text's paragraphs. */
  index: number;
  /** The text's own numbering without its punctuation ("3" for "3."), or null. */
  number: string | null;
  start: number;
  end: number;
}

/** A sentence, inside one paragraph. */
export interface Sentence {
  paragraphIndex: number;
  start: number;
  end: number;
}

/** How firmly it was pledged (DESIGN.md "strength"). */
export type Strength = "binding" | "intent" | "exploratory";

/** A deadline phrase found in a sentence and what it resolves to against the document's date. */
export interface DeadlineResolution {
  /** The phrase as written (`sentence.slice(start, end)`), or null when the sentence has none. */
  phrase: string | null;
  /** Offsets of the phrase inside the sentence given to the resolver. */
  start: number | null;
  end: number | null;
  /** The last day the phrase allows, or null (no phrase, or a vague one: never invented). */
  targetDate: CalendarDate | null;
  precision: TargetPrecision | null;
  /** "annual", "yearly", "every year": the date is the first occurrence. */
  recurring: boolean;
  /** A phrase with no date ("as soon as possible", "at an early date", "by the next summit"). */
  vague: boolean;
  /** Ids of the rules that fired (lib/import/deadlines.ts, e.g. "D3"). */
  rules: string[];
}

/** A party that can owe a pledge: its code and the names the text may use for it. */
export interface PartyName {
  code: string;
  names: string[];
}

/** What a candidate is, by the codebook: a pledge, or a position that is not one. */
export type CandidateKind = "pledge" | "position";

/** One proposed commitment (or a position shown as "not a pledge"), tied to its words. */
export interface Candidate {
  /** The paragraph's own number when it has one, else its 1-based position. */
  paragraph: number | string;
  quote: string;
  start: number;
  end: number;
  kind: CandidateKind;
  /** Null for a position. */
  strength: Strength | null;
  /** A theme id of the lexicon (docs/import-codebook.md): "trade", "energy-climate", … */
  theme: string;
  /** Codes of the parties that owe it (all of them for "both sides", "the Leaders", …). */
  parties: string[];
  deadlinePhrase: string | null;
  targetDate: CalendarDate | null;
  targetPrecision: TargetPrecision | null;
  /** Ids of the codebook rules that fired ("C1", "S2", "T4", "P1", "D3", …). */
  rules: string[];
  /** What the reviewer must look at: "negation", "condition", "vague-deadline", "recurring", "commentary". */
  flags: string[];
}

/** What extraction needs besides the text. */
export interface ExtractOptions {
  /** The document's date, against which deadline phrases resolve. */
  documentDate: CalendarDate;
  /** The agreement's parties (the owers a candidate can name). */
  parties: PartyName[];
}
