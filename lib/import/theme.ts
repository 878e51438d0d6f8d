/**
 * Theme of a candidate by the lexicon (lib/import/lexicon.ts, codebook rules T0–T13): the theme
 * with most keyword hits in the quote; ties go to the theme listed first; no hit gives "political"
 * by rule T0.
 */
import { DEFAULT_THEME, keywordPattern, THEMES } from "./lexicon";

const PATTERNS = THEMES.map((t) => ({ theme: t, res: t.keywords.map(keywordPattern) }));

/** The theme id and the rule that chose it for `quote`. */
export function themeOf(quote: string): { id: string; rule: string } {
  let best: { id: string; rule: string; hits: number } = { id: DEFAULT_THEME, rule: "T0", hits: 0 };
  for (const { theme, res } of PATTERNS) {
    let hits = 0;
    for (const re of res) hits += quote.match(re)?.length ?? 0;
    if (hits > best.hits) best = { id: theme.id, rule: theme.rule, hits };
  }
  return { id: best.id, rule: best.rule };
}
