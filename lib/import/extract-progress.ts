/**
 * Extraction with progress (issue 10, "a long import shows its progress"): the candidates of
 * lib/import/candidates.ts `extractCandidates`, computed a block of paragraphs at a time so a caller
 * can report "candidates: N of M paragraphs" and the server's event loop gets a turn between blocks
 * (a 5 MB text takes seconds). The result is the same as one call over the whole text: a test
 * (tests/unit/import-review-spans.test.ts) compares both on every labelled statement.
 *
 * Why blocks give the same candidates: the rules that read the whole document (the document's theme,
 * T17; an instrument named earlier, T18) are given it whole (`DocumentContext`); otherwise
 * extraction keeps no state across paragraphs except a lead-in
 * ("The two sides agreed to:") that governs the list items after it, so a block is cut only before
 * a paragraph that is not a list item (no marker, or a plain number "4."), at the start of its line.
 * The paragraph rule depends on whether the text has a blank line anywhere; a block keeps that
 * property (with blank lines: it ends with the line break before the cut, an empty last line; without:
 * the line break is left out). Offsets and unnumbered paragraphs' positions are shifted back to the
 * whole text's. No I/O.
 */
import { extractCandidates } from "./candidates";
import { paragraphBodyStart, paragraphs, sentences } from "./structure";
import { documentTheme } from "./theme";
import type { Candidate, ExtractOptions, Paragraph } from "./types";

export interface ExtractionProgress {
  stage: "structure" | "candidates";
  /** paragraphs done, of `total` */
  done: number;
  total: number;
}

export interface Extraction {
  candidates: Candidate[];
  paragraphs: Paragraph[];
  sentenceCount: number;
}

/** A turn of the event loop: what was reported is written out, other requests are served. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Paragraphs per block (about 0.2 s of extraction on a quiet machine). */
export const BLOCK_PARAGRAPHS = 400;

const LINE_BREAK = /\r\n|\n|\r/;

function hasBlankLine(text: string): boolean {
  return text.split(LINE_BREAK).some((line) => line.trim() === "");
}

function isListItem(text: string, p: Paragraph): boolean {
  if (paragraphBodyStart(text, p) === p.start) return false;
  return p.number === null || !/^\d+$/.test(p.number);
}

/** Where the line holding offset `at` begins. */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}

/** The paragraph of `list` (in order, non-overlapping) holding offset `at`, by binary search. */
export function paragraphAt(list: readonly Paragraph[], at: number): Paragraph | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = list[mid]!;
    if (at < p.start) hi = mid - 1;
    else if (at >= p.end) lo = mid + 1;
    else return p;
  }
  return null;
}

/**
 * The candidates, paragraphs and sentence count of `text`, a block of about `blockParagraphs`
 * paragraphs at a time; `onProgress` is called after the structure and after each block, and the
 * function yields to the event loop (setImmediate) between blocks.
 * @throws whatever extraction throws (a bug in a rule): the caller reports it as a failed extraction.
 */
export async function extractWithProgress(
  text: string,
  options: ExtractOptions,
  {
    onProgress,
    blockParagraphs = BLOCK_PARAGRAPHS,
  }: { onProgress?: (p: ExtractionProgress) => void; blockParagraphs?: number } = {},
): Promise<Extraction> {
  const all = paragraphs(text);
  let sentenceCount = 0;
  for (const p of all) sentenceCount += sentences(text, p).length;
  onProgress?.({ stage: "structure", done: 0, total: all.length });
  await nextTurn();
  const blank = hasBlankLine(text);
  // The rules that read the whole document (T17, T18) get it whole, whatever the block.
  const theme = documentTheme(text, { partyNames: options.parties.flatMap((p) => [p.code, ...p.names]) });
  const candidates: Candidate[] = [];
  let from = 0;
  let firstParagraph = 0;
  while (firstParagraph < all.length) {
    let next = Math.min(firstParagraph + Math.max(1, blockParagraphs), all.length);
    while (next < all.length && isListItem(text, all[next]!)) next++;
    const cut = next < all.length ? lineStart(text, all[next]!.start) : text.length;
    let blockEnd = cut;
    if (!blank && next < all.length) {
      // Leave out the line break before the cut, so the block has no empty last line either.
      blockEnd = text[cut - 1] === "\n" && text[cut - 2] === "\r" ? cut - 2 : cut - 1;
    }
    const block = text.slice(from, blockEnd);
    const local = paragraphs(block);
    for (const c of extractCandidates(block, options, { text, offset: from, theme })) {
      const p = paragraphAt(local, c.start);
      const paragraph = p !== null && p.number === null ? p.index + firstParagraph : c.paragraph;
      candidates.push({ ...c, paragraph, start: c.start + from, end: c.end + from });
    }
    firstParagraph = next;
    from = cut;
    onProgress?.({ stage: "candidates", done: firstParagraph, total: all.length });
    if (firstParagraph < all.length) await nextTurn();
  }
  return { candidates, paragraphs: all, sentenceCount };
}
