/**
 * How a re-import recognises what is already imported (issue 10, docs/decisions/016-import-review.md).
 * A candidate repeats a live commitment of the same agreement when
 * - "passage": it has the same anchor — the same source document (a document whose text is the
 *   run's text exactly) and the same offsets; or
 * - "words": its normalised quote ({@link quoteKey}) equals the normalised anchored passage of the
 *   commitment, or the commitment's recorded quote.
 * No I/O: the caller reads the agreement's live commitments (db/queries/import.ts).
 */

/** Typographic quotes and apostrophes, read as their ASCII forms. */
const QUOTES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2033": '"',
};

/** Punctuation, symbols and white space at either end of a quote, which do not make it different. */
const EDGES = /^[\p{P}\p{S}\p{Z}\s]+|[\p{P}\p{S}\p{Z}\s]+$/gu;

/**
 * The normalised form of a quote: Unicode NFC, lower case, typographic quotes as ASCII, every run of
 * white space (line breaks, no-break spaces) one space, punctuation and symbols trimmed from both
 * ends. "Both sides  will\nconclude the FTA." and "both sides will conclude the FTA" are the same.
 * Korean and Malay are kept as they are (NFC composes Hangul jamo into syllables).
 */
export function quoteKey(quote: string): string {
  return quote
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u2032\u201C\u201D\u201E\u2033]/g, (c) => QUOTES[c] ?? c)
    .replace(/[\s\p{Z}]+/gu, " ")
    .replace(EDGES, "");
}

/** A live commitment of the agreement, as a re-import compares with it. */
export interface ExistingCommitment {
  commitmentId: number;
  /** its recorded quote ("" when none) */
  quote: string;
  /** its anchor with offsets, and that document's text */
  anchor: { sourceDocumentId: number; start: number; end: number; text: string } | null;
}

export interface Duplicate {
  commitmentId: number;
  reason: "passage" | "words";
}

/** What {@link findDuplicate} looks candidates up in. */
export interface DuplicateIndex {
  byAnchor: Map<string, number>;
  byWords: Map<string, number>;
}

const anchorKey = (documentId: number, start: number, end: number) => `${documentId}:${start}:${end}`;

/** The index of `existing` (first commitment wins when two share a key). */
export function duplicateIndex(existing: Iterable<ExistingCommitment>): DuplicateIndex {
  const index: DuplicateIndex = { byAnchor: new Map(), byWords: new Map() };
  for (const c of existing) {
    if (c.anchor) {
      const key = anchorKey(c.anchor.sourceDocumentId, c.anchor.start, c.anchor.end);
      if (!index.byAnchor.has(key)) index.byAnchor.set(key, c.commitmentId);
      addWords(index, c.anchor.text.slice(c.anchor.start, c.anchor.end), c.commitmentId);
    }
    if (c.quote.trim() !== "") addWords(index, c.quote, c.commitmentId);
  }
  return index;
}

/** Record `quote` as the words of `commitmentId` (a candidate just imported, for the ones after it). */
export function addWords(index: DuplicateIndex, quote: string, commitmentId: number): void {
  const key = quoteKey(quote);
  if (key !== "" && !index.byWords.has(key)) index.byWords.set(key, commitmentId);
}

/**
 * The live commitment a candidate repeats, or null. `sourceDocumentId` is the document holding the
 * run's exact text, when the agreement has one; `key` the candidate's {@link quoteKey}.
 */
export function findDuplicate(
  index: DuplicateIndex,
  candidate: { sourceDocumentId: number | null; start: number; end: number; key: string },
): Duplicate | null {
  if (candidate.sourceDocumentId !== null) {
    const id = index.byAnchor.get(anchorKey(candidate.sourceDocumentId, candidate.start, candidate.end));
    if (id !== undefined) return { commitmentId: id, reason: "passage" };
  }
  const id = candidate.key === "" ? undefined : index.byWords.get(candidate.key);
  return id === undefined ? null : { commitmentId: id, reason: "words" };
}

/**
 * The passages of live commitments in one document, by start, for {@link findOverlap}; `maxEnd` is
 * the largest end of this passage and every one before it (so a search stops early).
 */
export type OverlapIndex = { start: number; end: number; commitmentId: number; maxEnd: number }[];

/** The anchored passages of `existing` in document `sourceDocumentId` (none when it is null). */
export function overlapIndex(existing: Iterable<ExistingCommitment>, sourceDocumentId: number | null): OverlapIndex {
  if (sourceDocumentId === null) return [];
  const out: OverlapIndex = [];
  for (const c of existing)
    if (c.anchor && c.anchor.sourceDocumentId === sourceDocumentId)
      out.push({ start: c.anchor.start, end: c.anchor.end, commitmentId: c.commitmentId, maxEnd: 0 });
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  let maxEnd = 0;
  for (const p of out) p.maxEnd = maxEnd = Math.max(maxEnd, p.end);
  return out;
}

/**
 * A live commitment whose passage shares characters with `start`–`end` of the same document without
 * being the same passage (a part, a whole, or a neighbour's overlap), or null: the candidate may
 * repeat it in other words, so the review page flags it ("overlap") instead of skipping it.
 */
export function findOverlap(index: OverlapIndex, start: number, end: number): number | null {
  // The last passage starting before `end`; passages further left can overlap only if they are long.
  let lo = 0;
  let hi = index.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid]!.start < end) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0 && index[i]!.maxEnd > start; i--) {
    const p = index[i]!;
    if (p.end > start && !(p.start === start && p.end === end)) return p.commitmentId;
  }
  return null;
}
