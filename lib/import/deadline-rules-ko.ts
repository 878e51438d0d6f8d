/**
 * D21: Korean deadline phrases, the language of the default agreement's statements. A year or a
 * month needs a deadline ending after it — 까지 ("by"), 말까지 ("by the end of"), 내에 / 안에
 * ("within"), 중 ("during", a future year only) — so "2023년 9월 체결된" (signed in September 2023)
 * gives nothing; 상반기 / 하반기 are the halves, 내년 next year, 올해 / 금년 / 연내 this year.
 */
import type { CalendarDate } from "../calendar-date";
import { hit, type Hit, patternRule, type Rule, YEAR } from "./deadline-rule-kit";
import { dateParts, halfPeriod, monthPeriod, periodTarget, yearPeriod } from "./deadline-periods";

const DEADLINE_END = "(?<end>까지|내에|안에|이내에?|중(?:에)?)";

/** "2025년까지", "2025년 말까지", "2026년 6월까지", "2026년 중". */
const YEAR_MONTH = patternRule(
  "D21",
  `(?<year>${YEAR})년\\s*(?:(?<month>1[0-2]|0?[1-9])월\\s*)?(?:(?<endof>말)\\s*)?${DEADLINE_END}`,
  (m, g, doc) => {
    const year = Number(g.year);
    if (/^중/.test(g.end ?? "") && !g.month && year <= dateParts(doc).year) return null; // "2024년 중" is now
    const period = g.month ? monthPeriod(year, Number(g.month)) : yearPeriod(year);
    return hit(m, "D21", periodTarget(period, false));
  },
);

/** "2026년 상반기(까지)", "내년 하반기". */
const HALF = patternRule("D21", `(?:(?<year>${YEAR})년|(?<next>내년))\\s*(?<half>상반기|하반기)`, (m, g, doc) => {
  const year = g.year ? Number(g.year) : dateParts(doc).year + 1;
  return hit(m, "D21", periodTarget(halfPeriod(year, g.half === "상반기" ? 1 : 2), false));
});

/** "내년(까지)", "올해 안에", "연내", "연말까지". */
const RELATIVE_YEAR = patternRule(
  "D21",
  `(?<rel>내년|올해|금년|연내|연말)(?:\\s*(?:말)?\\s*(?:까지|안에|내에|중(?:에)?))?(?!\\s*(?:상반기|하반기))`,
  (m, g, doc: CalendarDate): Hit => {
    const { year } = dateParts(doc);
    return hit(m, "D21", periodTarget(yearPeriod(g.rel === "내년" ? year + 1 : year), false));
  },
);

export const D21: Rule = {
  id: "D21",
  find(sentence, doc) {
    return [YEAR_MONTH, HALF, RELATIVE_YEAR].flatMap((r) => r.find(sentence, doc));
  },
};
