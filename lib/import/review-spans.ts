/**
 * Splitting and merging candidates' spans (issue 10, the review page). Every span returned keeps the
 * rule of lib/import/types.ts: `quote === text.slice(start, end)`, offsets in UTF-16 code units,
 * with no white space at either end. No I/O.
 */
import type { Span } from "../source-documents";

/** Where a quote may be cut, relative to the quote's start, with words either side to show it by. */
export interface SplitPoint {
  /** offset inside the quote: part one is quote.slice(0, at), part two quote.slice(at) (both trimmed) */
  at: number;
  before: string;
  after: string;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

/** `span` of `text` without white space at either end, or null when nothing but white space is left. */
export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: a cut may fall between any two of their characters. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Whether offset `at` of `text` lies between two characters a reader would keep together: the
 * halves of a surrogate pair, a character and the combining mark after it, or two letters or
 * digits of one word (in a script that separates words by spaces).
 */
export function insideWord(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return true;
  const next = String.fromCodePoint(text.codePointAt(at) ?? 32);
  if (/[\p{M}\u200d\ufe0f]/u.test(next)) return true;
  const prevAt = before >= 0xdc00 && before <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  const prev = String.fromCodePoint(text.codePointAt(prevAt) ?? 32);
  return WORD_CHAR.test(prev) && WORD_CHAR.test(next) && !UNSPACED.test(prev) && !UNSPACED.test(next);
}

/**
 * The two parts of `span` cut at absolute offset `at`, each trimmed, or null when `at` is not
 * strictly inside the span, falls inside a word or a character ({@link insideWord}), or a part
 * would hold no letter or digit.
 */
export function splitSpan(text: string, span: Span, at: number): [Span, Span] | null {
  if (!Number.isInteger(at) || at <= span.start || at >= span.end) return null;
  if (insideWord(text, at)) return null;
  const first = trimSpan(text, { start: span.start, end: at });
  const second = trimSpan(text, { start: at, end: span.end });
  if (!first || !second) return null;
  if (!HAS_WORD.test(text.slice(first.start, first.end)) || !HAS_WORD.test(text.slice(second.start, second.end)))
    return null;
  return [first, second];
}

/** The span covering both spans (and whatever lies between them). */
export function mergeSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** A cut after a sentence stop or a clause mark, or before a conjunction that joins two actions. */
const BOUNDARY = /[.;:!?。,](?=\s)|\s(?=(?:and|as well as|while|whereas|dan|serta)\s)/gu;

function snippet(s: string, fromEnd: boolean): string {
  const words = s.replace(/\s+/g, " ").trim();
  if (words.length <= 40) return words;
  return fromEnd ? `…${words.slice(-40).trimStart()}` : `${words.slice(0, 40).trimEnd()}…`;
}

/**
 * The sensible places to split `quote` (after ".", ";", ":", ",", or before "and", "as well as",
 * Malay "dan"/"serta"), each leaving words on both sides; in order. A quote without one gives [].
 */
export function splitPoints(quote: string): SplitPoint[] {
  const out: SplitPoint[] = [];
  let previousCut = -1;
  for (const m of quote.matchAll(BOUNDARY)) {
    const at = SPACE.test(m[0][0]!) ? m.index : m.index + m[0].length;
    const before = quote.slice(0, at);
    const after = quote.slice(at);
    if (!HAS_WORD.test(before) || !HAS_WORD.test(after)) continue;
    // Two marks that give the same parts once trimmed (", and") are one place to split.
    const cut = before.trimEnd().length;
    if (cut === previousCut) continue;
    previousCut = cut;
    out.push({ at, before: snippet(before, true), after: snippet(after, false) });
  }
  return out;
}

/**
 * Where part one ends when the reviewer typed it: the length of the quote's beginning that matches
 * `firstPart` word for word (white space may differ), or null when the quote does not start so,
 * the typed words end inside one of the quote's words, or nothing would be left for part two.
 */
export function typedSplitPoint(quote: string, firstPart: string): number | null {
  const words = firstPart.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const match = new RegExp(`^\\s*${escaped.join("\\s+")}`, "u").exec(quote);
  if (!match) return null;
  const at = match[0].length;
  return HAS_WORD.test(quote.slice(at)) && !insideWord(quote, at) ? at : null;
}
