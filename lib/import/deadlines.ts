/**
 * Deadline resolution (issue 10, step 4) — a stand-in with the agreed signature so that
 * extraction runs; the full rule set is written separately and replaces this file at merge.
 * It knows two phrases only: "(by) next year" (D1: 31 Dec of the following year) and
 * "by (the end of) YYYY" (D2: 31 Dec of YYYY), both at year precision. Anything else resolves to
 * "no phrase". Never invents a date.
 */
import type { CalendarDate } from "../calendar-date";
import type { DeadlineResolution } from "./types";

const NONE: DeadlineResolution = {
  phrase: null,
  start: null,
  end: null,
  targetDate: null,
  precision: null,
  recurring: false,
  vague: false,
  rules: [],
};

/** The deadline phrase of `sentence` and its resolution against `documentDate` (YYYY-MM-DD). */
export function resolveDeadline(sentence: string, documentDate: CalendarDate): DeadlineResolution {
  const year = Number(documentDate.slice(0, 4));
  const next = /\b(?:by\s+)?next\s+year\b/i.exec(sentence);
  if (next) return hit(next, `${year + 1}-12-31`, "D1");
  const by = /\bby\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b/i.exec(sentence);
  if (by) return hit(by, `${by[1]}-12-31`, "D2");
  return { ...NONE, rules: [] };
}

function hit(m: RegExpExecArray, date: CalendarDate, rule: string): DeadlineResolution {
  return {
    phrase: m[0],
    start: m.index,
    end: m.index + m[0].length,
    targetDate: date,
    precision: "year",
    recurring: false,
    vague: false,
    rules: [rule],
  };
}
