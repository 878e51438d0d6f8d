/**
 * Which part of an imported text the review page shows beside a page of candidates (issue 10): the
 * whole text when the run fits one page and the text is short, else the paragraphs from the one
 * holding the page's first candidate to the one holding its last, so a 5 MB text is never sent
 * whole. Paragraphs are the public page's (blank lines; lib/source-passages.ts). No I/O.
 */
import type { Span } from "../source-documents";
import { paragraphSpans } from "../source-passages";

/** Texts up to this many UTF-16 code units are shown whole when the run fits one page. */
export const WHOLE_TEXT_LIMIT = 60_000;

/** The paragraph of `spans` (in order) holding `at`, or the nearest before it. */
function paragraphIndex(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= at) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The span of `text` to show for `candidates` (this page's, in text order). `whole`: the run's
 * candidates all fit this page. An empty page shows the text's beginning.
 */
export function reviewWindow(text: string, candidates: readonly Span[], whole: boolean): Span {
  if (whole && text.length <= WHOLE_TEXT_LIMIT) return { start: 0, end: text.length };
  const spans = paragraphSpans(text);
  if (spans.length === 0) return { start: 0, end: 0 };
  if (candidates.length === 0) return { start: spans[0]!.start, end: spans[Math.min(4, spans.length - 1)]!.end };
  const first = Math.min(...candidates.map((c) => c.start));
  const last = Math.max(...candidates.map((c) => c.end));
  return { start: spans[paragraphIndex(spans, first)]!.start, end: spans[paragraphIndex(spans, last - 1)]!.end };
}
