/**
 * Deadline resolution (issue 10, step 4): find the deadline phrase in one sentence and resolve it
 * against the document's date. The rules are ours on top of chrono-node, which reads explicit days
 * only (docs/decisions/013-deadline-resolver.md says why); the same table is in
 * docs/import-codebook.md, "Deadline rules".
 *
 * | id  | pattern | example (text dated 2024-11-25) | result |
 * | --- | --- | --- | --- |
 * | D0  | no deadline phrase in the sentence | "Both sides will deepen cooperation." | no date, vague |
 * | D1  | deadline word (by, until, till, through, up to, no later than, not later than, on or before) + optional "the end of" / "end-" / "year-end" / "early" / "late" / "year" + a year; or "at/in/towards the end of" + a year | "by 2030", "by the end of 2030", "until the end of year 2030", "no later than 2027", "by end-2026" | 31 Dec of that year, year |
 * | D2  | "before" / "prior to" a period, without "the end of": the day before the period begins, same precision | "before 2028", "before March 2025", "before 31 March 2025" | 2027-12-31 year; 2025-02-28 month; 2025-03-30 day |
 * | D3  | "in" / "during" / "throughout" + a year after the document's year | "in 2026" | 2026-12-31, year ("in 2024", "in 2023, …": nothing) |
 * | D4  | optional deadline word or "the end of" + "next year" | "by next year", "next year" | 2025-12-31, year |
 * | D5  | "this year", "the current year", "within the year", "by the end of the year", "by year-end", "later this year" | "this year", "before the end of this year" | 2024-12-31, year |
 * | D6  | "next month", "this month", "by the end of the month" | "next month" | 2024-12-31, month |
 * | D7  | deadline word or "in" + a capitalised month name without a year: this year's if its last day is on or after the document date, else next year's ("March next year": next year's) | "in March", "by the end of June" | 2025-03-31, month |
 * | D8  | a month name with its year | "by March 2025", "in September 2026" | 2025-03-31, month |
 * | D9  | a deadline word, "on", "from", "effective" + an explicit day (read by chrono-node); without a year, its next occurrence | "by 31 March 2025", "by 15 January", "on or before 1 July 2025" | 2025-03-31 day; 2025-01-15 day |
 * | D10 | halves: "the first/second half [of YYYY / of next year]", "H1 2026", "mid-2026", "the middle of 2026", "mid-year"; without a year, this year's if still to come | "by mid-2026", "in the first half of 2026", "in the second half of 2025" | 2026-06-30 month; 2025-12-31 month |
 * | D11 | quarters: "Q1 2025", "1Q 2025", "the first…fourth quarter [of YYYY]", "next quarter"; without a year, this year's if still to come | "Q1 2025", "in the first quarter of 2025", "in the third quarter" | 2025-03-31 quarter; 2025-09-30 quarter |
 * | D12 | "within" / "in" / "over" N units, or "within/over/for/during the next (coming) N units" (days, weeks, months, years, decades; N in digits or words, "a" = 1); months and years keep the day, clamped to the month's end | "within two years", "within six months", "over the next five years" | 2026-11-25 day; 2025-05-25 day; 2029-11-25 day |
 * | D13 | a D12 duration counted from another event ("of / after / from" anything but the signing or this document) | "within six months of the entry into force" | no date, vague |
 * | D14 | a period of years: "for / over / during / in / from / between [the period] YYYY–YYYY", "(YYYY-YYYY)", "YYYY-YY", "from YYYY to YYYY" | "for 2024–2029", "(2024-2028)", "for the period 2024-2028" | 31 Dec of the last year, year |
 * | D15 | recurring: "annual(ly)", "yearly", "each/every [N] year(s)/month(s)", "every other year", "biennial", "semi-annual", "twice a year", "quarterly", "monthly", "on an annual basis" | "annual", "yearly", "every two years" | first occurrence: 2025-11-25 day; 2026-11-25 day; recurring |
 * | D16 | "the end of the decade": the decade of the document's year (2020–2029) | "by the end of the decade" | 2029-12-31, year |
 * | D17 | vague: "at an early date", "as soon as possible", "at the earliest (opportunity)", "in the coming months/years", "in the near future", "in due course", "by/at the next summit/meeting", "without delay", "expeditiously", "promptly", "timely", "soon" | "as soon as possible" | no date, vague |
 * | D18 | past event: a phrase right after a past-event word (signed, held, adopted, concluded, launched, convened, met, visited, took place, entered into force, since, earlier, …) that is not "will be / to be …" | "signed in September 2023", "the MoU signed on 25 November 2024" | dropped |
 * | D19 | a target before the document's date | "held in Seoul on 12 May 2024" | dropped |
 * | D20 | several phrases left: a dated one over a recurring one over a vague one; among equals the first in the sentence; on a tie the longest | "as soon as possible and in any case by 2026" | "by 2026" |
 * | D21 | Korean: a year or month + 까지 / 말까지 / 내에 / 안에 / 이내 / 중 (a future year), 상반기 / 하반기, 내년, 올해 / 금년 / 연내 / 연말 | "2025년까지", "내년 상반기" | 2025-12-31 year; 2025-06-30 month |
 * | D22 | planned / scheduled / slated / expected / due / set / targeted / earmarked + "for" + a year or a month and year | "planned for 2028" | 2028-12-31 year |
 * | D23 | "in" + the document's own year after a future action in the same clause | "will hold the Dialogue in 2014" (a 2014 text) | 2014-12-31 year |
 *
 * A bare year is never a deadline: a year needs a deadline word before it (D1, D3, D14), so
 * "Vision 2030", "Agenda 2063", "the 2022 MoU", "since 2019" give nothing, and a year followed by
 * "Agenda", "Vision", "Plan", "Strategy", "Summit"… is a name even after one ("by 2030 Agenda").
 * Never invented: a vague phrase, a duration from another event, a year that is the current one
 * after "in" with no future action before it (D23) — all give no date.
 */
import { type CalendarDate, isCalendarDate } from "../calendar-date";
import type { DeadlineResolution } from "./types";
import { DEADLINE_RULES, type Hit } from "./deadline-rules";

const PAST_CUE =
  /\b(?:signed|held|adopted|concluded|launched|convened|hosted|issued|met|visited|took\s+place|entered\s+into\s+force|came\s+into\s+force|announced|inaugurated|opened|established|completed|reached|agreed|began|started|commenced|since|earlier)\b/gi;
/** "will be held", "to be signed", "is completed by": a future or present event, not a past one. */
const FUTURE_BEFORE_CUE =
  /\b(?:to|will|shall|would|should|must|can|may|could|be|been|being|is|are|get|gets)\s+(?:be\s+|have\s+been\s+)?$/i;
/** Words between a past-event word and the phrase that start a new clause. */
const CLAUSE_BREAK = /[.;:!?]|\b(?:will|shall|to|and|but|which|that|who|would|should|must|while|whereas)\b/i;

/** True when the phrase at `start` is the date of a past event (D18). */
function isPastEvent(sentence: string, start: number): boolean {
  const from = Math.max(0, start - 60);
  const window = sentence.slice(from, start);
  let last: RegExpExecArray | null = null;
  for (const m of window.matchAll(PAST_CUE)) last = m;
  if (!last) return false;
  const gap = window.slice(last.index + last[0].length);
  if (CLAUSE_BREAK.test(gap) || gap.trim().split(/\s+/).length > 6) return false;
  const beforeCue = sentence.slice(Math.max(0, from + last.index - 25), from + last.index);
  return !FUTURE_BEFORE_CUE.test(beforeCue);
}

const rank = (h: Hit) => (h.vague ? 2 : h.recurring ? 1 : 0);

/** D20: dated over recurring over vague; then the first in the sentence; then the longest. */
function better(a: Hit, b: Hit): boolean {
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  if (a.start !== b.start) return a.start < b.start;
  return a.end - a.start > b.end - b.start;
}

const NONE = (rules: string[]): DeadlineResolution => ({
  phrase: null,
  start: null,
  end: null,
  targetDate: null,
  precision: null,
  recurring: false,
  vague: true,
  rules: ["D0", ...rules],
});

/**
 * The deadline of one sentence, resolved against `documentDate` (the date of the text it is in).
 *
 * Returns the phrase as written with its offsets in `sentence` (`sentence.slice(start, end) ===
 * phrase`), the last day it allows and that day's precision, whether it recurs, whether it is
 * vague, and the ids of the rules that fired (table above). A sentence with no deadline phrase
 * gives `phrase: null`, no date and `vague: true` (rule D0: the "none" row). Never throws
 * on any sentence (empty, very long, digits only).
 *
 * @throws RangeError when `documentDate` is not a `YYYY-MM-DD` calendar date.
 */
export function resolveDeadline(sentence: string, documentDate: CalendarDate): DeadlineResolution {
  if (!isCalendarDate(documentDate)) throw new RangeError(`Not a calendar date: ${JSON.stringify(documentDate)}`);
  const text = typeof sentence === "string" ? sentence : "";
  const dropped = new Set<string>();
  const kept: Hit[] = [];
  for (const rule of DEADLINE_RULES) {
    let hits: Hit[];
    try {
      hits = rule.find(text, documentDate);
    } catch {
      continue; // a parser's surprise on odd input is no deadline, never a crash
    }
    for (const h of hits) {
      if (h.target && isPastEvent(text, h.start)) dropped.add("D18");
      else if (h.target && h.target.date < documentDate) dropped.add("D19");
      else kept.push(h);
    }
  }
  const extra = [...dropped].sort();
  let best: Hit | undefined;
  for (const h of kept) if (!best || better(h, best)) best = h;
  if (!best) return NONE(extra);
  const chosen = best;
  const others = kept.some((h) => h.end <= chosen.start || h.start >= chosen.end);
  return {
    phrase: text.slice(chosen.start, chosen.end),
    start: chosen.start,
    end: chosen.end,
    targetDate: chosen.target?.date ?? null,
    precision: chosen.target?.precision ?? null,
    recurring: chosen.recurring,
    vague: chosen.vague,
    rules: [chosen.rule, ...chosen.extra, ...extra, ...(others ? ["D20"] : [])],
  };
}
