/**
 * The commitment a candidate proposes, before the reviewer edits it (issue 10, the review page):
 * number, title, theme label, strength, parties, target. No I/O.
 *
 * The title is the quote itself, shortened: the extractor does not write titles, and the reviewer
 * is expected to edit it; a proposal that is the pledge's own words is never wrong, only long.
 */
import { REF_PATTERN } from "../validation/agreements";
import { THEMES } from "./lexicon";
import type { Candidate } from "./types";

/**
 * Titles proposed from a quote are cut to this many characters, at a word boundary: the title
 * field's own limit (lib/validation/agreements.ts), so a pledge of one sentence keeps its whole
 * words. At 120, titles of ordinary sentences were stored ending in "…" and reached the public
 * pages, the API, the CSV and the feeds cut (found by a new user, session 9).
 */
export const TITLE_LENGTH = 300;

/** The theme's label ("energy-climate" → "Energy & climate"); an unknown id is shown as is. */
export function themeLabel(id: string): string {
  return THEMES.find((t) => t.id === id)?.label ?? id;
}

/** The labels of every theme of the lexicon, in its order (the theme field's choices). */
export function themeLabels(): string[] {
  return THEMES.map((t) => t.label);
}

/**
 * A title from a quote: white space collapsed, a numbering marker and the final stop removed, the
 * first letter upper-case, at most {@link TITLE_LENGTH} characters (cut at a word, "…" added).
 */
export function proposedTitle(quote: string): string {
  let t = quote
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]|\([a-z]\)|[•·▪*–—-])\s+/u, "")
    .replace(/[.;:,\s]+$/u, "");
  if (t.length > TITLE_LENGTH) {
    const cut = t.slice(0, TITLE_LENGTH);
    const space = cut.lastIndexOf(" ");
    t = `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[.;:,\s]+$/u, "")}…`;
  }
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The number (ref) a candidate proposes: its paragraph's own number, or its position. */
export function proposedRef(paragraph: number | string, paragraphIndex: number): string {
  const ref = String(paragraph).trim();
  return ref !== "" && ref.length <= 20 && REF_PATTERN.test(ref) ? ref : String(paragraphIndex);
}

/** The fields of the commitment a candidate proposes. */
export function proposedFields(c: Candidate, paragraphIndex: number) {
  return {
    ref: proposedRef(c.paragraph, paragraphIndex),
    title: proposedTitle(c.quote),
    theme: themeLabel(c.theme),
    strength: c.strength,
    parties: [...c.parties],
    owner: "",
    targetDate: c.targetDate,
    targetPrecision: c.targetPrecision,
    targetPhrase: c.deadlinePhrase ?? "",
    fromCommentary: c.flags.includes("commentary"),
  };
}
