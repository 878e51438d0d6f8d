/**
 * The label format of the import evaluation set (`tests/fixtures/import/NAME.expected.json`, described
 * in `tests/fixtures/import/README.md`): what a human coder says a text's pledges and positions are,
 * by the G7/G20 Research Group's definition of a commitment as issue 10 adopts it.
 *
 * Pure: parsing and locating quotes in a text given as a string; reading the files is the caller's.
 */
import { z } from "zod";

import { isCalendarDate } from "../calendar-date";
import { TARGET_PRECISIONS } from "../target-date";

/** Theme ids of the lexicon (issue 10: defence, trade, …, regional, political). */
export const LABEL_THEMES = [
  "defence",
  "trade",
  "investment",
  "energy-climate",
  "critical-minerals",
  "digital",
  "tourism",
  "education",
  "culture",
  "security",
  "health",
  "regional",
  "political",
] as const;

export const LABEL_STRENGTHS = ["binding", "intent", "exploratory"] as const;

const ZDate = z.string().refine(isCalendarDate, { message: "a real date as YYYY-MM-DD" });

const ZParty = z.strictObject({ code: z.string().min(1), names: z.array(z.string().min(1)).min(1) });

/** An expected pledge. `start` is required only when the quote occurs more than once in the text. */
const ZExpectedPledge = z.strictObject({
  quote: z.string().min(1),
  start: z.number().int().nonnegative().optional(),
  /** The paragraph's own number ("3", "3.2"), or null in a text without numbering. */
  paragraph: z.string().min(1).nullable(),
  strength: z.enum(LABEL_STRENGTHS),
  theme: z.enum(LABEL_THEMES),
  parties: z.array(z.string().min(1)).min(1),
  deadlinePhrase: z.string().min(1).nullable(),
  targetDate: ZDate.nullable(),
  targetPrecision: z.enum(TARGET_PRECISIONS).nullable(),
  /** "annual", "yearly", "every year": the target date is the first occurrence. */
  recurring: z.boolean().optional(),
  /** A restatement or borderline case: neither missed when absent nor a false positive when proposed. */
  optional: z.boolean().optional(),
  /** The coder's reason, for the reader. */
  note: z.string().optional(),
});

const ZExpectedPosition = z.strictObject({
  quote: z.string().min(1),
  start: z.number().int().nonnegative().optional(),
  note: z.string().optional(),
});

/** A whole label file. */
export const ZLabelFile = z.strictObject({
  document: z.strictObject({
    title: z.string().min(1),
    /** The document's own date (for a news report, its publication date). */
    date: ZDate,
    /** The date deadlines resolve against when it is not `date` (a report of an earlier statement). */
    resolveAgainst: ZDate.optional(),
    kind: z.string().min(1),
    parties: z.array(ZParty).min(1),
    /** Where a real statement's copy was taken from (rounds real-4 on): its public URL. */
    source: z.string().url().optional(),
  }),
  pledges: z.array(ZExpectedPledge),
  positions: z.array(ZExpectedPosition),
});

export type LabelFile = z.infer<typeof ZLabelFile>;
export type ExpectedPledge = z.infer<typeof ZExpectedPledge>;

/** The date a file's deadline phrases resolve against. */
export function resolutionDate(labels: LabelFile): string {
  return labels.document.resolveAgainst ?? labels.document.date;
}

/**
 * Where `quote` sits in `text`: at `start` when given (it must match there), else at its only
 * occurrence. Returns the offset, or a sentence saying what is wrong (missing, not unique, or not at
 * `start`).
 */
export function locateQuote(text: string, quote: string, start?: number): number | string {
  if (start !== undefined) {
    return text.slice(start, start + quote.length) === quote ? start : `is not at offset ${start}`;
  }
  const first = text.indexOf(quote);
  if (first < 0) return "is not in the text";
  const again = text.indexOf(quote, first + 1);
  if (again >= 0) return `occurs more than once (at ${first} and ${again}): give "start"`;
  return first;
}

/** A labelled span with its offsets into the text. */
export interface LocatedSpan<T> {
  label: T;
  start: number;
  end: number;
}

/**
 * Every pledge and position of `labels` with its offsets into `text`.
 * @throws Error naming the first quote that cannot be located.
 */
export function locateLabels(
  text: string,
  labels: LabelFile,
): {
  pledges: LocatedSpan<ExpectedPledge>[];
  positions: LocatedSpan<LabelFile["positions"][number]>[];
} {
  const place = <T extends { quote: string; start?: number }>(label: T): LocatedSpan<T> => {
    const at = locateQuote(text, label.quote, label.start);
    if (typeof at === "string") throw new Error(`quote "${label.quote.slice(0, 60)}…" ${at}`);
    return { label, start: at, end: at + label.quote.length };
  };
  return { pledges: labels.pledges.map(place), positions: labels.positions.map(place) };
}
