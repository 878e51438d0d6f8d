/**
 * Deadline rules of parts of a year and of spans (D10–D17 of lib/import/deadlines.ts): halves and
 * quarters, durations counted from the document ("within two years") or from another event (no
 * date), periods of years, recurrences, the end of the decade and vague phrases.
 */
import { addDays, type CalendarDate } from "../calendar-date";
import {
  BY,
  END_OF,
  type Groups,
  hit,
  type Hit,
  IN,
  NUMBER,
  numberOf,
  patternRule,
  relativeYear,
  targetOf,
  YEAR,
} from "./deadline-rule-kit";
import {
  addMonths,
  dateParts,
  halfPeriod,
  periodTarget,
  quarterPeriod,
  yearPeriod,
  yearToCome,
} from "./deadline-periods";

// D10: halves and mid-year.
export const HALF_YEAR = `(?:\\s+of\\s+(?:the\\s+year\\s+)?(?<year>${YEAR})\\b|\\s+of\\s+(?<rel>next|this|the)\\s+year\\b)?`;
export const D10a = patternRule(
  "D10",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})?(?:the\\s+)?(?<which>first|second|1st|2nd|latter)\\s+half${HALF_YEAR}(?!\\s+of\\b)`,
  (m, g, doc) => {
    const half = /^(first|1st)$/i.test(g.which ?? "") ? 1 : 2;
    const year = g.year ? Number(g.year) : /^the$/i.test(g.rel ?? "") ? null : relativeYear(g.rel, doc);
    const period = year !== null ? halfPeriod(year, half) : yearToCome(doc, (y) => halfPeriod(y, half));
    const { target, extra } = targetOf(period, g);
    return hit(m, "D10", target, { extra });
  },
);
export const D10b = patternRule(
  "D10",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?:(?<h>H[12])|(?<h2>[12])H)\\s*[-/']?\\s*(?<year>${YEAR})\\b`,
  (m, g) => {
    const half = (g.h ?? `H${g.h2}`).endsWith("1") ? 1 : 2;
    const { target, extra } = targetOf(halfPeriod(Number(g.year), half), g);
    return hit(m, "D10", target, { extra });
  },
);
export const D10c = patternRule(
  "D10",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?:the\\s+)?(?:mid|middle\\s+of)[-\\s]*(?:(?<year>${YEAR})\\b|(?<rel>next|this)[-\\s]+year\\b|(?<bare>(?:the\\s+)?year)\\b)`,
  (m, g, doc) => {
    // The middle of a year is a point: 30 June, whether "by" or "before" it.
    const year = g.year ? Number(g.year) : relativeYear(g.rel, doc);
    const period = year !== null ? halfPeriod(year, 1) : yearToCome(doc, (y) => halfPeriod(y, 1));
    return hit(m, "D10", { date: period.end, precision: "month" });
  },
);

// D11: quarters.
export const ORDINAL_Q: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  last: 4,
  final: 4,
};
export function quarterHit(m: RegExpMatchArray, g: Groups, doc: CalendarDate, q: number, year: number | null): Hit {
  const period = year !== null ? quarterPeriod(year, q) : yearToCome(doc, (y) => quarterPeriod(y, q));
  const { target, extra } = targetOf(period, g);
  return hit(m, "D11", target, { extra });
}
export const D11a = patternRule(
  "D11",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})?(?:the\\s+)?(?<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\\s+quarter\\b(?:\\s+of\\s+(?:the\\s+year\\s+)?(?<year>${YEAR})\\b|\\s+of\\s+(?<rel>next|this|the)\\s+year\\b)?(?!\\s+of\\b)`,
  (m, g, doc) => {
    const ord = (g.ord ?? "").toLowerCase();
    if ((ord === "last" || ord === "final") && !g.year && !g.rel) return null; // "in the last quarter" is the past one
    const q = ORDINAL_Q[ord] ?? 4;
    const year = g.year ? Number(g.year) : /^the$/i.test(g.rel ?? "") ? null : relativeYear(g.rel, doc);
    return quarterHit(m, g, doc, q, year);
  },
);
export const D11b = patternRule(
  "D11",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})?(?:Q(?<q>[1-4])|(?<q2>[1-4])Q)(?:\\s*[-/]?\\s*(?:of\\s+)?(?:FY\\s*)?(?<year>${YEAR}))?\\b`,
  (m, g, doc) => quarterHit(m, g, doc, Number(g.q ?? g.q2), g.year ? Number(g.year) : null),
);
export const D11c = patternRule(
  "D11",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})?(?:the\\s+)?(?<rel>next|this|coming|current)\\s+quarter\\b(?!['’]s)`,
  (m, g, doc) => {
    const { year, month } = dateParts(doc);
    const q = Math.ceil(month / 3) + (/^(next|coming)$/i.test(g.rel ?? "") ? 1 : 0);
    return quarterHit(m, g, doc, q > 4 ? 1 : q, q > 4 ? year + 1 : year);
  },
);

// D12 (within / over the next N units) and D13 (N units after another event: no date).
export const ANCHOR_IS_DOCUMENT =
  /sign|adopt|today|date\s+(?:hereof|of\s+this)|this\s+(?:joint\s+)?(?:statement|declaration|communiqu|memorandum|mou|agreement|document|readout)/i;
export /** Events of this very document that come after its date: "the entry into force of this Memorandum". */
const LATER_EVENT =
  /entry\s+into\s+force|enters?\s+into\s+force|coming\s+into\s+(?:force|effect)|ratification|notification|receipt/i;
export const D12 = patternRule(
  "D12",
  `\\b(?<prep>within|in|over|during|for|throughout)\\s+(?:the\\s+)?(?:(?<rel>next|coming|following|upcoming)\\s+)?(?:(?<num>${NUMBER})(?:\\s*\\(\\d{1,3}\\))?[-\\s]+)?(?<unit>years?|months?|weeks?|days?|decades?)\\b(?:['’]s?\\s+time)?`,
  (m, g, doc, s) => {
    const prep = (g.prep ?? "").toLowerCase();
    const unit = (g.unit ?? "").toLowerCase();
    let n = numberOf(g.num);
    if (n === null) {
      if (!g.rel || unit.endsWith("s")) return null; // "in the coming years" is vague (D17)
      n = 1;
    }
    if (!g.rel && !(prep === "within" || prep === "in" || prep === "over")) return null; // "for five years" is a length
    const tail =
      /^\s+(?:of|after|from|following)\s+[^,.;:()]{1,60}?(?=[,.;:()]|\s+(?:and|or|to|will|shall|in|at|by)\b|$)/i.exec(
        s.slice((m.index ?? 0) + m[0].length),
      );
    if (tail && (!ANCHOR_IS_DOCUMENT.test(tail[0]) || LATER_EVENT.test(tail[0]))) {
      return hit(m, "D13", null, { vague: true, end: (m.index ?? 0) + m[0].length + tail[0].length });
    }
    const months = unit.startsWith("year")
      ? 12 * n
      : unit.startsWith("decade")
        ? 120 * n
        : unit.startsWith("month")
          ? n
          : 0;
    const days = unit.startsWith("week") ? 7 * n : unit.startsWith("day") ? n : 0;
    const date = months ? addMonths(doc, months) : addDays(doc, days);
    return hit(m, "D12", { date, precision: "day" });
  },
);

// D14: a period of years ("for 2024–2029", "(2024-2028)", "for the period 2024-2028").
export const D14 = patternRule(
  "D14",
  `(?:(?<open>\\()\\s*|\\b(?<prep>for|over|during|in|covering|throughout|from|between)\\s+(?:the\\s+)?(?:(?:period|years?)\\s+(?:of\\s+|from\\s+)?)?|\\b)(?<y1>${YEAR})\\s*(?<sep>[-–—‒]|to|through|until|till|and)\\s*(?<y2>${YEAR}|\\d{2})\\b(?![-–—‒/]\\d)(?<close>\\s*\\))?`,
  (m, g) => {
    if (g.open && !g.close) return null;
    if (/^and$/i.test(g.sep ?? "") && !/^between$/i.test(g.prep ?? "")) return null; // "in 2026 and 2028": two years
    const y1 = Number(g.y1);
    let y2 = Number(g.y2);
    if ((g.y2 ?? "").length === 2) y2 += Math.floor(y1 / 100) * 100;
    if (y2 <= y1 || y2 - y1 > 50) return null;
    const stop = (m.index ?? 0) + m[0].length;
    const end = g.open ? stop : stop - (g.close?.length ?? 0);
    return hit(m, "D14", periodTarget(yearPeriod(y2), false), { end });
  },
);

// D15: recurring; the date is the first occurrence.
export const D15 = patternRule(
  "D15",
  `\\b(?:(?<word>semi-annual(?:ly)?|annual(?:ly)?|yearly|biennial(?:ly)?|triennial(?:ly)?|quarterly|monthly)|(?:each|every)\\s+(?:(?<num>${NUMBER})\\s+)?(?<unit>years?|months?|quarters?)|(?<twice>twice|two\\s+times)\\s+a\\s+year|(?:at\\s+least\\s+)?once\\s+(?:a|per|every)\\s+(?<onceunit>year|month)|on\\s+an?\\s+(?<basis>annual|yearly|monthly|quarterly|biennial)\\s+basis)\\b`,
  (m, g, doc, s) => {
    // "the Annual Summit", "the Yearly Review": a capitalised word after another word is in a name.
    const at = m.index ?? 0;
    if (at > 0 && /^\p{Lu}/u.test(m[0]) && /[\p{L},]\s+$/u.test(s.slice(0, at))) return null;
    const word = (g.word ?? g.basis ?? "").toLowerCase();
    let months = 12;
    if (g.twice || word.startsWith("semi")) months = 6;
    else if (word.startsWith("bienn")) months = 24;
    else if (word.startsWith("trienn")) months = 36;
    else if (word.startsWith("quarter")) months = 3;
    else if (word.startsWith("month")) months = 1;
    else if (g.onceunit) months = g.onceunit.toLowerCase() === "month" ? 1 : 12;
    else if (g.unit) {
      const n = numberOf(g.num) ?? 1;
      const unit = g.unit.toLowerCase();
      months = unit.startsWith("year") ? 12 * n : unit.startsWith("quarter") ? 3 * n : n;
    }
    return hit(m, "D15", { date: addMonths(doc, months), precision: "day" }, { recurring: true });
  },
);

// D16: the end of the decade (the decade of the document's year: 2020–2029).
export const D16 = patternRule(
  "D16",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})(?:this|the\\s+current|the)\\s+decade\\b`,
  (m, _g, doc) => {
    const year = Math.floor(dateParts(doc).year / 10) * 10 + 9;
    return hit(m, "D16", periodTarget(yearPeriod(year), false));
  },
);

// D17: vague phrases; no date is ever made up for them.
export const D17 = patternRule(
  "D17",
  [
    "at\\s+an?\\s+early\\s+date",
    "as\\s+(?:soon|early|quickly|expeditiously|promptly)\\s+as\\s+(?:possible|practicable|feasible)",
    "at\\s+the\\s+earliest(?:\\s+(?:possible\\s+)?(?:opportunity|date|time|convenience|juncture))?",
    "(?:in|over|during|within)\\s+(?:the\\s+)?(?:coming|next|upcoming)\\s+(?:few\\s+|several\\s+)?(?:days|weeks|months|years)",
    "in\\s+the\\s+(?:weeks|months|years)\\s+ahead",
    "in\\s+the\\s+(?:near|foreseeable|not\\s+too\\s+distant)\\s+future",
    "(?:in|over)\\s+the\\s+(?:short|medium|long|near)(?:[-\\s]+(?:to[-\\s]+)?(?:medium|long))?[-\\s]+term",
    "in\\s+due\\s+course",
    "without\\s+(?:further\\s+|undue\\s+)?delay",
    "in\\s+a\\s+timely\\s+(?:manner|fashion|way)",
    "(?:by|at|before|until|ahead\\s+of|in\\s+time\\s+for|prior\\s+to)\\s+(?:the\\s+)?(?:next|upcoming|forthcoming)\\s+(?:[\\w'’-]+\\s+){0,4}?(?:summit|meeting|session|round|visit|conference|commission|dialogue|forum)",
    "expeditiously|promptly|swiftly|timely|soon|shortly",
  ]
    .map((p) => `\\b(?:${p})\\b`)
    .join("|"),
  (m) => hit(m, "D17", null, { vague: true }),
);
