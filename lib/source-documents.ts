/**
 * Source documents (DESIGN.md "source document", issue 10): the stored texts an agreement comes from
 * or is reported in, and the source anchors that tie a commitment to its words in one of them.
 *
 * Offsets are indexes into a JavaScript string (UTF-16 code units), as `String.prototype.slice`
 * takes them (lib/import/types.ts): for every anchor, `text.slice(start, end)` is its passage.
 * No I/O here; the database checks the same rules with triggers (drizzle/0015_source_documents.sql).
 */
import type { SourceFormat } from "./import/types";

/** The kinds of source document, in the order forms and filters offer them. */
export const SOURCE_DOCUMENT_KINDS = ["official_text", "joint_statement", "readout", "news_report", "other"] as const;

export type SourceDocumentKind = (typeof SOURCE_DOCUMENT_KINDS)[number];

/** How each kind is written in running text ("From the news report …"). */
export const SOURCE_DOCUMENT_KIND_LABELS: Readonly<Record<SourceDocumentKind, string>> = {
  official_text: "official text",
  joint_statement: "joint statement",
  readout: "readout",
  news_report: "news report",
  other: "other",
};

/** The formats a stored text can come from (lib/import/types.ts `SourceFormat`). */
export const SOURCE_FORMATS = ["txt", "md", "html", "docx", "pdf", "paste"] as const satisfies readonly SourceFormat[];

/** A kind's label with a capital letter, for headings and list items ("News report"). */
export function sourceKindHeading(kind: SourceDocumentKind): string {
  const label = SOURCE_DOCUMENT_KIND_LABELS[kind];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The largest text a source document may hold, in UTF-16 code units (the import's 5 MB limit). */
export const MAX_SOURCE_TEXT_LENGTH = 5 * 1024 * 1024;

/** A span of a text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Why an anchor does not fit its text, as a sentence for people, or null when it fits: both offsets
 * whole numbers, 0 ≤ start < end ≤ text length.
 */
export function anchorProblem(textLength: number, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "The passage's offsets must be whole numbers.";
  if (start < 0) return "The passage cannot start before the text.";
  if (end <= start) return "The passage must end after it starts (it cannot be empty).";
  if (end > textLength) return `The passage ends at ${end}, past the end of the text (${textLength} characters).`;
  return null;
}

/**
 * The span of `passage` in `text`: its `occurrence`-th appearance (1-based, default the first).
 * @throws Error naming the passage when it does not occur that often, or, with no `occurrence`
 *   given, when it occurs more than once (the caller must say which).
 */
export function findPassage(text: string, passage: string, occurrence?: number): Span {
  if (passage.length === 0) throw new Error("A passage cannot be empty.");
  const starts: number[] = [];
  for (let i = text.indexOf(passage); i !== -1; i = text.indexOf(passage, i + 1)) starts.push(i);
  const short = passage.length > 60 ? `${passage.slice(0, 57)}…` : passage;
  if (starts.length === 0) throw new Error(`The passage “${short}” is not in the text.`);
  if (occurrence === undefined && starts.length > 1)
    throw new Error(`The passage “${short}” occurs ${starts.length} times in the text; say which occurrence.`);
  const start = starts[(occurrence ?? 1) - 1];
  if (start === undefined) throw new Error(`The passage “${short}” occurs only ${starts.length} times in the text.`);
  return { start, end: start + passage.length };
}
