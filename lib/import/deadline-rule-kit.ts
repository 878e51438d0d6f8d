/**
 * The pieces the deadline rules (lib/import/deadline-rules*.ts) are built of: the shape of a hit,
 * a rule, the pattern fragments (years, deadline words, months, number words) and the helpers that
 * turn one regular-expression match into a hit. No rule lives here.
 */
import type { CalendarDate } from "../calendar-date";
import { dateParts, periodTarget, type Target, yearPeriod } from "./deadline-periods";

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
export const YEAR = "(?:19|20|21)\\d{2}";
/** Deadline words that can stand directly before a period. */
export const BY =
  "no\\s+later\\s+than|not\\s+later\\s+than|on\\s+or\\s+before|prior\\s+to|by|before|until|till|up\\s+to|through";
/** Words that make a deadline only with "the end of" or a relative period ("in the next…"). */
export const IN = "in|during|within|at|towards?|around|throughout";
export const END_OF = "(?:the\\s+)?(?:end|close)(?:\\s+of|-)\\s*(?:the\\s+)?";
/** A year that is part of a name ("2030 Agenda", "Vision 2030" is excluded by needing a deadline word). */
export const NOT_NAME =
  "(?!\\s+(?:Agenda|Vision|Plan|Goals?|Strategy|Framework|Roadmap|Declaration|Initiative|Programme|Program|Summit|Olympics|Games|Expo|World\\s+Cup|MoU|Agreement)\\b)";
export const NOT_RANGE = "(?!\\s*[-–—‒/]\\s*\\d)";
export const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
export const NUMBER_WORDS: Record<string, number> = {
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
export const NUMBER = `${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join("|")}|\\d{1,3}`;
export const MONTH_INDEX: Record<string, number> = {
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

export const re = (source: string) => new RegExp(source, "gid");

export function numberOf(word: string | undefined): number | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

export const isBefore = (prep: string | undefined, endOf: string | undefined) =>
  !endOf && !!prep && /^(before|prior\s+to)$/i.test(prep);

export function hit(m: RegExpMatchArray, rule: string, target: Target | null, more: Partial<Hit> = {}): Hit {
  const start = m.index ?? 0;
  return { rule, start, end: start + m[0].length, target, recurring: false, vague: false, extra: [], ...more };
}

/** A rule of one pattern: `make` turns each match into a hit or null. */
export function patternRule(
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

export type Groups = Record<string, string | undefined>;

/** The period target, with "D2" recorded when "before" moved it to the previous period. */
export function targetOf(period: ReturnType<typeof yearPeriod>, g: Groups): { target: Target; extra: string[] } {
  const before = isBefore(g.prep, g.endof);
  return { target: periodTarget(period, before), extra: before ? ["D2"] : [] };
}

/** "this year" / "next year" / "the year" → a year number, from the document's year. */
export function relativeYear(rel: string | undefined, doc: CalendarDate): number | null {
  const { year } = dateParts(doc);
  if (!rel) return null;
  return /next|following/i.test(rel) ? year + 1 : year;
}
