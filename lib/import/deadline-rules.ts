/**
 * The deadline rules D1–D17 as patterns (lib/import/deadlines.ts documents them and applies the
 * choice rules D18–D20 and the "no phrase" rule D0). Each rule is a global regular expression and
 * a function that turns one match into a target, against the document's date; a function returns
 * null to drop a match that is not a deadline after all (a year that is this year or earlier for
 * "in 2024", a lower-case "may", a "the year of …").
 */
import * as chrono from "chrono-node";

import { addDays, type CalendarDate } from "../calendar-date";
import {
  addMonths,
  dateParts,
  dayPeriod,
  halfPeriod,
  monthPeriod,
  periodTarget,
  quarterPeriod,
  type Target,
  yearPeriod,
  yearToCome,
} from "./deadline-periods";

/** What one match means. `end` overrides the match's end when the phrase reaches further. */
export interface Hit {
  rule: string;
  start: number;
  end: number;
  target: Target | null;
  recurring: boolean;
  vague: boolean;
  /** Modifier rules that also fired ("D2" for "before"). */
  extra: string[];
}

export interface Rule {
  id: string;
  find(sentence: string, documentDate: CalendarDate): Hit[];
}

// ---- pattern pieces (all used with the "gi" flags) ----
const YEAR = "(?:19|20|21)\\d{2}";
/** Deadline words that can stand directly before a period. */
const BY =
  "no\\s+later\\s+than|not\\s+later\\s+than|on\\s+or\\s+before|prior\\s+to|by|before|until|till|up\\s+to|through";
/** Words that make a deadline only with "the end of" or a relative period ("in the next…"). */
const IN = "in|during|within|at|towards?|around|throughout";
const END_OF = "(?:the\\s+)?(?:end|close)(?:\\s+of|-)\\s*(?:the\\s+)?";
/** A year that is part of a name ("2030 Agenda", "Vision 2030" is excluded by needing a deadline word). */
const NOT_NAME =
  "(?!\\s+(?:Agenda|Vision|Plan|Goals?|Strategy|Framework|Roadmap|Declaration|Initiative|Programme|Program|Summit|Olympics|Games|Expo|World\\s+Cup|MoU|Agreement)\\b)";
const NOT_RANGE = "(?!\\s*[-–—‒/]\\s*\\d)";
const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  "twenty-four": 24,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  other: 2,
};
const NUMBER = `${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join("|")}|\\d{1,3}`;
const MONTH_INDEX: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const re = (source: string) => new RegExp(source, "gid");

function numberOf(word: string | undefined): number | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

const isBefore = (prep: string | undefined, endOf: string | undefined) =>
  !endOf && !!prep && /^(before|prior\s+to)$/i.test(prep);

function hit(m: RegExpMatchArray, rule: string, target: Target | null, more: Partial<Hit> = {}): Hit {
  const start = m.index ?? 0;
  return { rule, start, end: start + m[0].length, target, recurring: false, vague: false, extra: [], ...more };
}

/** A rule of one pattern: `make` turns each match into a hit or null. */
function patternRule(
  id: string,
  source: string,
  make: (m: RegExpMatchArray, g: Groups, doc: CalendarDate, s: string) => Hit | null,
): Rule {
  const pattern = re(source);
  return {
    id,
    find(sentence, doc) {
      const hits: Hit[] = [];
      for (const m of sentence.matchAll(pattern)) {
        const h = make(m, m.groups ?? {}, doc, sentence);
        if (h) hits.push(h);
      }
      return hits;
    },
  };
}

type Groups = Record<string, string | undefined>;

/** The period target, with "D2" recorded when "before" moved it to the previous period. */
function targetOf(period: ReturnType<typeof yearPeriod>, g: Groups): { target: Target; extra: string[] } {
  const before = isBefore(g.prep, g.endof);
  return { target: periodTarget(period, before), extra: before ? ["D2"] : [] };
}

/** "this year" / "next year" / "the year" → a year number, from the document's year. */
function relativeYear(rel: string | undefined, doc: CalendarDate): number | null {
  const { year } = dateParts(doc);
  if (!rel) return null;
  return /next|following/i.test(rel) ? year + 1 : year;
}

// D1 (deadline word + year) and D3 ("in 2027": a future year only).
const D1 = patternRule(
  "D1",
  `\\b(?<prep>${BY}|${IN})\\s+(?:(?<endof>${END_OF})|(?<yearend>(?:the\\s+)?year[-\\s]end\\s+(?:of\\s+)?)|(?<part>early|late)[-\\s]+)?(?:(?:the\\s+)?year\\s+)?(?<year>${YEAR})\\b${NOT_RANGE}${NOT_NAME}`,
  (m, g, doc) => {
    const year = Number(g.year);
    const inWord = new RegExp(`^(?:${IN})$`, "i").test(g.prep ?? "");
    const modified = g.endof || g.yearend || g.part;
    if (inWord && !modified) {
      if (!/^(in|during|throughout)$/i.test(g.prep ?? "") || year <= dateParts(doc).year) return null;
      return hit(m, "D3", periodTarget(yearPeriod(year), false));
    }
    const { target, extra } = targetOf(yearPeriod(year), { prep: g.prep, endof: g.endof ?? g.yearend ?? g.part });
    return hit(m, "D1", target, { extra });
  },
);

// D4: next year.
const D4 = patternRule(
  "D4",
  `\\b(?:(?<prep>${BY}|in|during|at|for|towards?)\\s+)?(?<endof>${END_OF})?next\\s+year\\b(?!['’]s)`,
  (m, g, doc) => {
    const { target, extra } = targetOf(yearPeriod(dateParts(doc).year + 1), g);
    return hit(m, "D4", target, { extra });
  },
);

// D5: this year, within the year, by year-end.
const D5a = patternRule(
  "D5",
  `\\b(?:(?<prep>${BY}|${IN}|later)\\s+)?(?<endof>${END_OF})?(?<det>this|the\\s+current|the)\\s+(?:calendar\\s+)?year\\b(?!\\s*\\d)(?!['’]s)(?!\\s+of\\b)`,
  (m, g, doc) => {
    if (
      /^the$/i.test(g.det ?? "") &&
      !g.endof &&
      !/^(within|during|by|before|until|till|through|later|no\s+later|not\s+later)/i.test(g.prep ?? "")
    )
      return null;
    const { target, extra } = targetOf(yearPeriod(dateParts(doc).year), g);
    return hit(m, "D5", target, { extra });
  },
);
const D5b = patternRule(
  "D5",
  `\\b(?<prep>${BY}|at|towards?)\\s+(?:the\\s+)?(?:year[-\\s]end|end[-\\s]of[-\\s](?:the[-\\s])?year)\\b(?!\\s*\\d)(?![-\\s]+${YEAR})`,
  (m, _g, doc) => hit(m, "D5", periodTarget(yearPeriod(dateParts(doc).year), false)),
);

// D6: next month, this month, by the end of the month.
const D6 = patternRule(
  "D6",
  `\\b(?:(?<prep>${BY}|${IN}|later)\\s+)?(?<endof>${END_OF})?(?<det>next|this|the\\s+current|the)\\s+month\\b(?!['’]s)(?!\\s+of\\b)`,
  (m, g, doc) => {
    if (/^the$/i.test(g.det ?? "") && !g.endof && !/^(within|during|by|before|until|later)/i.test(g.prep ?? ""))
      return null;
    const { year, month } = dateParts(doc);
    const next = /^next$/i.test(g.det ?? "");
    const period = next
      ? monthPeriod(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1)
      : monthPeriod(year, month);
    const { target, extra } = targetOf(period, g);
    return hit(m, "D6", target, { extra });
  },
);

// D7 (a month without its year) and D8 (a month and its year).
const D7 = patternRule(
  "D7",
  `\\b(?<prep>${BY}|in|during|at|towards?)\\s+(?<endof>${END_OF})?(?:the\\s+month\\s+of\\s+)?(?<month>${MONTHS})\\b(?:\\.(?=\\s+\\d))?(?!\\s*\\d{1,2}(?:st|nd|rd|th)?\\b)(?:,?\\s+(?:of\\s+)?(?:(?<year>${YEAR})\\b${NOT_RANGE}|(?<rel>next|this)\\s+year\\b))?`,
  (m, g, doc, s) => {
    const at = m.indices?.groups?.month?.[0] ?? -1;
    const first = s.charAt(at);
    if (first !== first.toUpperCase()) return null; // "in may" is the verb, not the month
    const month = MONTH_INDEX[(g.month ?? "").slice(0, 3).toLowerCase()];
    if (!month) return null;
    const year = g.year ? Number(g.year) : relativeYear(g.rel, doc);
    const period = year !== null ? monthPeriod(year, month) : yearToCome(doc, (y) => monthPeriod(y, month));
    const { target, extra } = targetOf(period, g);
    return hit(m, g.year ? "D8" : "D7", target, { extra });
  },
);

// D9: an explicit day ("by 31 March 2025", "by 15 January"), read by chrono-node.
const CHRONO_PREP = new RegExp(`\\b(?:${BY}|on|from|effective|starting|ending|as\\s+of)\\s+(?:the\\s+)?$`, "i");
const CHRONO_OWN_PREP = new RegExp(`^(?:${BY}|on|from|effective|starting|ending|as\\s+of)\\s+`, "i");
const D9: Rule = {
  id: "D9",
  find(sentence, doc) {
    const { year, month, day } = dateParts(doc);
    const instant = new Date(Date.UTC(year, month - 1, day, 12));
    const hits: Hit[] = [];
    for (const r of chrono.parse(sentence, { instant, timezone: 0 }, { forwardDate: true })) {
      // A day number and a month name or a year: not "end of this year", "next month", "March 2025".
      if (!/(?<!\d)\d{1,2}(?!\d)/.test(r.text) || !(/[a-z]{3}/i.test(r.text) || /\d{4}/.test(r.text))) continue;
      if (/\b(end|next|this|last|within|ago|mid|later|week|today|tomorrow)\b/i.test(r.text)) continue;
      const point = r.end && r.end.isCertain("day") ? r.end : r.start;
      if (!point.isCertain("day") || !point.isCertain("month")) continue;
      // chrono keeps some words in its text ("on 25 November 2024"); else the word must come just before.
      const own = CHRONO_OWN_PREP.exec(r.text);
      const prep = own ? null : CHRONO_PREP.exec(sentence.slice(Math.max(0, r.index - 30), r.index));
      if (!own && !prep) continue;
      const word = own ? own[0] : (prep?.[0] ?? "");
      const y = point.get("year");
      const mo = point.get("month");
      const d = point.get("day");
      if (y === null || mo === null || d === null) continue;
      const date = `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      const before = /^(before|prior)/i.test(word.trim());
      hits.push({
        rule: "D9",
        start: own ? r.index : r.index - word.length,
        end: r.index + r.text.length,
        target: periodTarget(dayPeriod(date), before),
        recurring: false,
        vague: false,
        extra: before ? ["D2"] : [],
      });
    }
    return hits;
  },
};

// D10: halves and mid-year.
const HALF_YEAR = `(?:\\s+of\\s+(?:the\\s+year\\s+)?(?<year>${YEAR})\\b|\\s+of\\s+(?<rel>next|this|the)\\s+year\\b)?`;
const D10a = patternRule(
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
const D10b = patternRule(
  "D10",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?:(?<h>H[12])|(?<h2>[12])H)\\s*[-/']?\\s*(?<year>${YEAR})\\b`,
  (m, g) => {
    const half = (g.h ?? `H${g.h2}`).endsWith("1") ? 1 : 2;
    const { target, extra } = targetOf(halfPeriod(Number(g.year), half), g);
    return hit(m, "D10", target, { extra });
  },
);
const D10c = patternRule(
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
const ORDINAL_Q: Record<string, number> = {
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
function quarterHit(m: RegExpMatchArray, g: Groups, doc: CalendarDate, q: number, year: number | null): Hit {
  const period = year !== null ? quarterPeriod(year, q) : yearToCome(doc, (y) => quarterPeriod(y, q));
  const { target, extra } = targetOf(period, g);
  return hit(m, "D11", target, { extra });
}
const D11a = patternRule(
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
const D11b = patternRule(
  "D11",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})?(?:Q(?<q>[1-4])|(?<q2>[1-4])Q)(?:\\s*[-/]?\\s*(?:of\\s+)?(?:FY\\s*)?(?<year>${YEAR}))?\\b`,
  (m, g, doc) => quarterHit(m, g, doc, Number(g.q ?? g.q2), g.year ? Number(g.year) : null),
);
const D11c = patternRule(
  "D11",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})?(?:the\\s+)?(?<rel>next|this|coming|current)\\s+quarter\\b(?!['’]s)`,
  (m, g, doc) => {
    const { year, month } = dateParts(doc);
    const q = Math.ceil(month / 3) + (/^(next|coming)$/i.test(g.rel ?? "") ? 1 : 0);
    return quarterHit(m, g, doc, q > 4 ? 1 : q, q > 4 ? year + 1 : year);
  },
);

// D12 (within / over the next N units) and D13 (N units after another event: no date).
const ANCHOR_IS_DOCUMENT =
  /sign|adopt|today|date\s+(?:hereof|of\s+this)|this\s+(?:joint\s+)?(?:statement|declaration|communiqu|memorandum|mou|agreement|document|readout)/i;
const D12 = patternRule(
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
    if (tail && !ANCHOR_IS_DOCUMENT.test(tail[0])) {
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
const D14 = patternRule(
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
const D15 = patternRule(
  "D15",
  `\\b(?:(?<word>semi-annual(?:ly)?|annual(?:ly)?|yearly|biennial(?:ly)?|triennial(?:ly)?|quarterly|monthly)|(?:each|every)\\s+(?:(?<num>${NUMBER})\\s+)?(?<unit>years?|months?|quarters?)|(?<twice>twice|two\\s+times)\\s+a\\s+year|on\\s+an?\\s+(?<basis>annual|yearly|monthly|quarterly|biennial)\\s+basis)\\b`,
  (m, g, doc) => {
    const word = (g.word ?? g.basis ?? "").toLowerCase();
    let months = 12;
    if (g.twice || word.startsWith("semi")) months = 6;
    else if (word.startsWith("bienn")) months = 24;
    else if (word.startsWith("trienn")) months = 36;
    else if (word.startsWith("quarter")) months = 3;
    else if (word.startsWith("month")) months = 1;
    else if (g.unit) {
      const n = numberOf(g.num) ?? 1;
      const unit = g.unit.toLowerCase();
      months = unit.startsWith("year") ? 12 * n : unit.startsWith("quarter") ? 3 * n : n;
    }
    return hit(m, "D15", { date: addMonths(doc, months), precision: "day" }, { recurring: true });
  },
);

// D16: the end of the decade (the decade of the document's year: 2020–2029).
const D16 = patternRule(
  "D16",
  `\\b(?:(?<prep>${BY}|${IN})\\s+)?(?<endof>${END_OF})(?:this|the\\s+current|the)\\s+decade\\b`,
  (m, _g, doc) => {
    const year = Math.floor(dateParts(doc).year / 10) * 10 + 9;
    return hit(m, "D16", periodTarget(yearPeriod(year), false));
  },
);

// D17: vague phrases; no date is ever made up for them.
const D17 = patternRule(
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

/** The rules in the order ties between equally placed phrases are broken. */
export const DEADLINE_RULES: readonly Rule[] = [
  D9,
  D1,
  D14,
  D16,
  D10a,
  D10b,
  D10c,
  D11a,
  D11b,
  D11c,
  D7,
  D4,
  D5a,
  D5b,
  D6,
  D12,
  D15,
  D17,
];
