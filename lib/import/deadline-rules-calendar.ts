/**
 * Deadline rules of named years, months and days (D1, D3–D9 of lib/import/deadlines.ts): "by
 * 2030", "in 2026", "next year", "this year", "next month", "in March", "by March 2025", "by 31
 * March 2025" (the last read by chrono-node).
 */
import * as chrono from "chrono-node";

import {
  BY,
  END_OF,
  hit,
  type Hit,
  IN,
  MONTH_INDEX,
  MONTHS,
  NOT_NAME,
  NOT_RANGE,
  patternRule,
  relativeYear,
  type Rule,
  targetOf,
  YEAR,
} from "./deadline-rule-kit";
import { dateParts, dayPeriod, monthPeriod, periodTarget, yearPeriod, yearToCome } from "./deadline-periods";

/** D23: a future action earlier in the clause (a modal, or a cue + "to <verb>"), with no clause break after it. */
const FUTURE_BEFORE =
  /\b(?:will|shall|intention\s+to|intends?\s+to|plans?\s+to|agreed\s+to|decided\s+to|committed\s+to)\b[^.;:]*$/iu;

// D1 (deadline word + year) and D3 ("in 2027": a future year only).
export const D1 = patternRule(
  "D1",
  `\\b(?<prep>${BY}|${IN})\\s+(?:(?<endof>${END_OF})|(?<yearend>(?:the\\s+)?year[-\\s]end\\s+(?:of\\s+)?)|(?<part>early|late)[-\\s]+)?(?:(?:the\\s+)?year\\s+)?(?<year>${YEAR})\\b${NOT_RANGE}${NOT_NAME}`,
  (m, g, doc, s) => {
    const year = Number(g.year);
    const inWord = new RegExp(`^(?:${IN})$`, "i").test(g.prep ?? "");
    const modified = g.endof || g.yearend || g.part;
    if (inWord && !modified) {
      if (!/^(in|during|throughout)$/i.test(g.prep ?? "")) return null;
      // D23: "in" the document's own year after a future action in the same clause ("will hold the
      // Dialogue in 2014" in a January 2014 text) is that year; a report ("In 2024, the two sides met") is not.
      const ownYear = year === dateParts(doc).year && FUTURE_BEFORE.test(s.slice(0, m.index ?? 0));
      if (ownYear) return hit(m, "D23", periodTarget(yearPeriod(year), false));
      if (year <= dateParts(doc).year) return null;
      return hit(m, "D3", periodTarget(yearPeriod(year), false));
    }
    const { target, extra } = targetOf(yearPeriod(year), { prep: g.prep, endof: g.endof ?? g.yearend ?? g.part });
    return hit(m, "D1", target, { extra });
  },
);

// D4: next year.
export const D4 = patternRule(
  "D4",
  `\\b(?:(?<prep>${BY}|in|during|at|for|towards?)\\s+)?(?<endof>${END_OF})?next\\s+year\\b(?!['’]s)`,
  (m, g, doc) => {
    const { target, extra } = targetOf(yearPeriod(dateParts(doc).year + 1), g);
    return hit(m, "D4", target, { extra });
  },
);

// D5: this year, within the year, by year-end.
export const D5a = patternRule(
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
export const D5b = patternRule(
  "D5",
  `\\b(?<prep>${BY}|at|towards?)\\s+(?:the\\s+)?(?:year[-\\s]end|end[-\\s]of[-\\s](?:the[-\\s])?year)\\b(?!\\s*\\d)(?![-\\s]+${YEAR})`,
  (m, _g, doc) => hit(m, "D5", periodTarget(yearPeriod(dateParts(doc).year), false)),
);

// D6: next month, this month, by the end of the month.
export const D6 = patternRule(
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
export const D7 = patternRule(
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
export const CHRONO_PREP = new RegExp(`\\b(?:${BY}|on|from|effective|starting|ending|as\\s+of)\\s+(?:the\\s+)?$`, "i");
export const CHRONO_OWN_PREP = new RegExp(`^(?:${BY}|on|from|effective|starting|ending|as\\s+of)\\s+`, "i");
export const D9: Rule = {
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

// D22: a schedule word before "for" + a year or a month and year ("a first launch planned for 2028").
export const D22 = patternRule(
  "D22",
  `\\b(?:planned|scheduled|slated|expected|due|set|targeted|earmarked)\\s+(?<prep>for)\\s+(?:(?<month>${MONTHS})\\s+)?(?<year>${YEAR})\\b${NOT_RANGE}${NOT_NAME}`,
  (m, g) => {
    const month = g.month ? MONTH_INDEX[g.month.slice(0, 3).toLowerCase()] : undefined;
    const period = month ? monthPeriod(Number(g.year), month) : yearPeriod(Number(g.year));
    const start = (m.index ?? 0) + m[0].search(/\bfor\b/);
    return { ...hit(m, "D22", periodTarget(period, false)), start };
  },
);
