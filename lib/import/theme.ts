/**
 * Theme of a candidate by the lexicon (lib/import/lexicon.ts, codebook rules T0–T18).
 *
 * - Each keyword hit scores 1, a "general word" 0.5 (T15; every regional and political keyword is
 *   one: they name a setting or a format, not a subject). The theme with the highest score wins;
 *   ties go to the theme listed first (T1–T13).
 * - T14: a longer keyword wins over a shorter one inside it ("business delegation" is trade, its
 *   "business" is not counted for investment).
 * - T16: the object before the setting. The parties' own names ("ASEAN" in a statement ASEAN
 *   signs) and the deadline phrase ("by the next summit") never count; an "including …",
 *   "in particular …", "notably …" or "except …" tail (the means or limits of a pledge, not its
 *   target) counts only when the rest of the quote has no keyword.
 * - No keyword at all: rule T0 (the caller then tries the sentence, the instrument the quote names,
 *   T18, the paragraph and, T17, the document).
 */
import { DEFAULT_THEME, keywordPattern, THEMES } from "./lexicon";

interface Entry {
  theme: string;
  rule: string;
  weight: number;
  length: number;
  re: RegExp;
}

// T14: longest keywords first, so a hit masks its words from shorter keywords.
const ENTRIES: Entry[] = THEMES.flatMap((t) => [
  ...t.keywords.map((k) => ({ theme: t.id, rule: t.rule, weight: 1, length: k.length, re: keywordPattern(k) })),
  ...(t.general ?? []).map((k) => ({
    theme: t.id,
    rule: t.rule,
    weight: 0.5,
    length: k.length,
    re: keywordPattern(k),
  })),
]).sort((a, b) => b.length - a.length);

const ORDER = new Map(THEMES.map((t, i) => [t.id, i]));

/** T16: an "including …", "in particular …" or "except …" tail. */
const TAIL = /,?\s+(?:including|in particular|notably|except)\b[\s\S]*$/u;

/** What to leave out of the first scoring (T16). */
export interface ThemeSetting {
  /** The parties' names as written ("ASEAN", "the Republic of Korea"). */
  partyNames?: readonly string[];
  /** The candidate's deadline phrase, if any. */
  deadlinePhrase?: string | null;
}

function mask(text: string, re: RegExp | string): string {
  if (typeof re === "string") {
    if (!re) return text;
    const esc = re.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    re = new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, "giu");
  }
  return text.replace(re, (m) => " ".repeat(m.length));
}

/** T20: phrases that hold a keyword but name no field ("think tanks" is not defence's "tanks"). */
const FALSE_FRIENDS = /(?<![\p{L}\p{N}])(?:think[\s-]+tanks?|arm[’']?s[\s-]+length)(?![\p{L}\p{N}])/giu;

/** The best theme of `text` by weighted hits (T14, T15), or null when no keyword is in it. */
function score(text: string): { id: string; rule: string } | null {
  let t = text.replace(FALSE_FRIENDS, (m) => " ".repeat(m.length));
  const totals = new Map<string, { rule: string; score: number }>();
  for (const e of ENTRIES) {
    const re = new RegExp(e.re.source, e.re.flags.includes("g") ? e.re.flags : e.re.flags + "g");
    t = t.replace(re, (m) => {
      const cur = totals.get(e.theme) ?? { rule: e.rule, score: 0 };
      cur.score += e.weight;
      totals.set(e.theme, cur);
      return " ".repeat(m.length);
    });
  }
  let best: { id: string; rule: string; score: number } | null = null;
  for (const [id, v] of totals) {
    if (!best || v.score > best.score || (v.score === best.score && (ORDER.get(id) ?? 99) < (ORDER.get(best.id) ?? 99)))
      best = { id, rule: v.rule, score: v.score };
  }
  return best && { id: best.id, rule: best.rule };
}

/**
 * The theme id of `quote` and the rules that chose it: the theme's rule (T1–T13, or T0 for no
 * keyword), with "T16" added when the first scoring (without the setting) decided. The parties'
 * names and the deadline phrase never count; an "including …" / "except …" tail counts only when
 * the rest of the quote has no keyword. `setting` defaults to nothing left out.
 */
export function themeOf(quote: string, setting: ThemeSetting = {}): { id: string; rule: string; rules: string[] } {
  let text = quote;
  for (const n of [...(setting.partyNames ?? [])].sort((a, b) => b.length - a.length)) text = mask(text, n);
  if (setting.deadlinePhrase) text = mask(text, setting.deadlinePhrase);
  const whole = score(text);
  const head = score(text.replace(TAIL, (m) => " ".repeat(m.length)));
  const first = head ?? whole;
  if (!first) return { id: DEFAULT_THEME, rule: "T0", rules: ["T0"] };
  const rules = head && whole && head.id !== whole.id ? [first.rule, "T16"] : [first.rule];
  return { id: first.id, rule: first.rule, rules };
}

/** The document's theme (T17): the theme with more than half of the keyword score of `text` (T14, T15; the parties' names left out), else null. */
export function documentTheme(text: string, setting: ThemeSetting = {}): string | null {
  let t = text;
  for (const n of [...(setting.partyNames ?? [])].sort((a, b) => b.length - a.length)) t = mask(t, n);
  const totals = new Map<string, number>();
  for (const e of ENTRIES) {
    const re = new RegExp(e.re.source, e.re.flags.includes("g") ? e.re.flags : e.re.flags + "g");
    t = t.replace(re, (m) => {
      totals.set(e.theme, (totals.get(e.theme) ?? 0) + e.weight);
      return " ".repeat(m.length);
    });
  }
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  for (const [id, v] of totals) if (v > sum / 2) return id;
  return null;
}

const DEFINED =
  /\b(?:the|this|that)\s+(Agreement|Memorandum|Arrangement|Treaty|Plan|Framework|Programme|Program|Initiative|Roadmap)\b/u;

/**
 * T18: the theme of the instrument a quote refers to by its defined term ("a review of the
 * Agreement", "the implementation of this Memorandum"): the last full name ending in (or beginning
 * with) that word before `start` in `text` that names a theme, e.g. "… Comprehensive Economic
 * Partnership Agreement" (trade). Null when the quote has no such term or no earlier name names one.
 */
export function referredTheme(text: string, start: number, quote: string, setting: ThemeSetting = {}): string | null {
  const noun = DEFINED.exec(quote)?.[1];
  if (!noun) return null;
  // The names of the text are found once per text and noun (a 5 MB text has thousands of
  // candidates; scanning the text before each of them would be quadratic).
  const named = instrumentNames(text, noun, setting.partyNames ?? []);
  // The last name that ends before `start`.
  let lo = 0;
  let hi = named.length - 1;
  let found: string | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (named[mid]!.end <= start) {
      found = named[mid]!.theme;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The last text's instrument names per noun: where each ends and the theme it names (T0 names left out). */
let namesOf: { text: string; partyNames: string; byNoun: Map<string, { end: number; theme: string }[]> } | null = null;

function instrumentNames(text: string, noun: string, partyNames: readonly string[]): { end: number; theme: string }[] {
  const key = partyNames.join("\u0000");
  if (!namesOf || namesOf.text !== text || namesOf.partyNames !== key)
    namesOf = { text, partyNames: key, byNoun: new Map() };
  const known = namesOf.byNoun.get(noun);
  if (known) return known;
  const names = new RegExp(
    `(?:[\\p{Lu}][\\p{L}\\p{N}'’–-]*\\s+){1,8}${noun}(?:\\s+(?:on|of|for|between)\\s+[^\\n.;]{0,120})?`,
    "gu",
  );
  const list: { end: number; theme: string }[] = [];
  for (const m of text.matchAll(names)) {
    const t = themeOf(m[0], { partyNames: [...partyNames] });
    if (t.rule !== "T0") list.push({ end: m.index + m[0].length, theme: t.id });
  }
  namesOf.byNoun.set(noun, list);
  return list;
}
