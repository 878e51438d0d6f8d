/**
 * Cuts a source document's text into paragraphs and, inside each, into segments marked by the
 * passages (source anchors) that cover them, so a page can highlight every passage with plain
 * elements: no markup is ever built from the text, which is rendered as text (React escapes it).
 *
 * Rules:
 * - a paragraph ends at a blank line (two or more line breaks with only spaces or tabs between);
 *   single line breaks stay inside it (the page keeps them with `white-space: pre-wrap`); the blank
 *   lines themselves are not shown, nor are paragraphs of white space only;
 * - passages may overlap, nest, touch, start at 0 or end at the text's end: the text is cut at every
 *   passage's start and end, and each segment lists every passage covering it (a split rendering,
 *   never nested links); a passage that spans paragraphs is cut at their boundaries;
 * - each passage is `first` on the segment it starts in and `last` on the one it ends in (where its
 *   link goes); a passage outside the text, empty, or covering only blank lines has no segment and
 *   is listed in `unplaced`.
 * Offsets are UTF-16 code units (lib/source-documents.ts).
 */
import type { Span } from "./source-documents";

/** A passage to highlight: a key of the caller's (a commitment id) and its span of the text. */
export interface Passage extends Span {
  key: number;
}

export interface TextSegment extends Span {
  text: string;
  /** keys of the passages covering the whole segment, in the order of `passages` given */
  keys: number[];
  /** keys of the passages whose first segment this is */
  first: number[];
  /** keys of the passages whose last segment this is */
  last: number[];
}

export interface TextParagraph extends Span {
  segments: TextSegment[];
}

export interface SegmentedText {
  paragraphs: TextParagraph[];
  /** keys of passages that cover no shown character (out of range, empty, blank lines only) */
  unplaced: number[];
}

/** The fragment id of a commitment's passage on its agreement page (`#passage-12`). */
export function passageHash(commitmentId: number): string {
  return `passage-${commitmentId}`;
}

/** The fragment id of a source document on its agreement page (`#source-3`). */
export function sourceHash(sourceDocumentId: number): string {
  return `source-${sourceDocumentId}`;
}

const PARAGRAPH_BREAK = /\r?\n(?:[ \t]*\r?\n)+/g;

/** The paragraphs of `text` as spans (see the module's rules). */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    if (text.slice(start, end).trim().length > 0) spans.push({ start, end });
  };
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(text.length);
  return spans;
}

/**
 * The paragraphs and highlighted segments of `text` for `passages` (see the module's rules).
 * Linear in the text plus the passages' overlaps (each passage is placed in the paragraphs it
 * touches by binary search): a 3 MB text with 2,000 passages is read in one pass, not 27,000 × 2,000.
 */
export function segmentText(text: string, passages: readonly Passage[]): SegmentedText {
  const valid = passages.filter(
    (p) =>
      Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end && p.end <= text.length,
  );
  const spans = paragraphSpans(text);
  // The passages touching each paragraph, in the order of `valid`.
  const touching: Passage[][] = spans.map(() => []);
  for (const p of valid) {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid] as Span).end <= p.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < spans.length && (spans[i] as Span).start < p.end; i++) (touching[i] as Passage[]).push(p);
  }
  const firstOf = new Map<number, TextSegment>();
  const lastOf = new Map<number, TextSegment>();
  const paragraphs = spans.map((para, index): TextParagraph => {
    const here = touching[index] as Passage[];
    const cuts = new Set<number>([para.start, para.end]);
    for (const p of here) {
      if (p.start > para.start && p.start < para.end) cuts.add(p.start);
      if (p.end > para.start && p.end < para.end) cuts.add(p.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segments: TextSegment[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i] as number;
      const end = points[i + 1] as number;
      const keys = here.filter((p) => p.start <= start && p.end >= end).map((p) => p.key);
      const segment: TextSegment = { start, end, text: text.slice(start, end), keys, first: [], last: [] };
      for (const k of keys) {
        if (!firstOf.has(k)) firstOf.set(k, segment);
        lastOf.set(k, segment);
      }
      segments.push(segment);
    }
    return { ...para, segments };
  });
  // First and last segment of each passage, across paragraphs.
  const placed = new Set<number>();
  for (const p of valid) {
    const firstSeg = firstOf.get(p.key);
    const lastSeg = lastOf.get(p.key);
    if (firstSeg && lastSeg) {
      firstSeg.first.push(p.key);
      lastSeg.last.push(p.key);
      placed.add(p.key);
    }
  }
  return { paragraphs, unplaced: passages.map((p) => p.key).filter((k) => !placed.has(k)) };
}
