/**
 * Codebook rule C3, one target = one commitment: a sentence is cut into clauses where a new
 * pledge or position begins — at a semicolon, or at "and" / "as well as" / "while" followed by a
 * new cue ("… and agreed to …", "… and will …", "… and to establish …" after a pledge, "…, and
 * Korea will …"). A list of measures for one target ("including A, B and C") has no new cue and
 * stays one clause. Offsets are into the whole text; each clause is trimmed of whitespace and of
 * the commas and semicolons that separated it.
 */
import type { Sentence } from "./types";

/** A part of a sentence that may hold one commitment. */
export interface Clause {
  start: number;
  end: number;
  /** True when the clause begins with "to <verb>" and takes its cue from the clause before it. */
  infinitive: boolean;
  /** True when the clause begins with an inline list marker ("(b) establish …" after "; "). */
  listItem: boolean;
}

const FINITE =
  "(?:also |further |then |likewise )?(?:will|shall|would|agree[sd]?|decide[sd]?|commit(?:s|ted)?|resolve[sd]?|pledge[sd]?|" +
  "undert(?:ake|akes|ook)|promise[sd]?|task(?:s|ed)?|instruct(?:s|ed)?|direct(?:s|ed)?|mandate[sd]?|welcome[sd]?|note[sd]|" +
  "recall(?:s|ed)?|express(?:es|ed)|reaffirm(?:s|ed)?|reiterate[sd]?|condemn(?:s|ed)?|call(?:s|ed)|urge[sd]?|aim(?:s|ed)?|" +
  "plan(?:s|ned)?|seek(?:s)?|sought|intend(?:s|ed)?|strive[sd]?|explore[sd]?|consider(?:s|ed)?|look(?:s|ed)? forward|" +
  "are committed|is committed|said|stated|confirmed|concurred|announced|explained|hope[sd]?)\\b";

const SUBJECT =
  "(?:(?:[Bb]oth|[Tt]he two) (?:[Ss]ides|[Cc]ountries|[Ll]eaders|[Pp]arties|[Gg]overnments)|[Tt]he [Ll]eaders|[Tt]he [Pp]arties|" +
  "we|they|it|\\p{Lu}[\\p{L}-]+(?: \\p{Lu}[\\p{L}-]+){0,3}|the \\p{Lu}[\\p{L}-]+ (?:side|[Gg]overnment|delegation))";

const SEPARATOR = new RegExp(
  `;\\s*(?:and\\s+)?|,?\\s+(?:and|as well as|while|whereas)\\s+(?=["“]?(?:${FINITE}|to \\p{Ll}+|${SUBJECT} ${FINITE}))`,
  "gu",
);

/** Any pledge verb before a split point: "and to …" is parallel only after one. */
const PLEDGE_BEFORE =
  /\b(?:will|shall|agreed|agree|decided|committed|resolved|pledged|undertook|aim|aimed|plan|planned|seek|intend|intended|explore|consider|tasked|instructed)\b/i;

/** The clauses of `sentence` in `text`, in order (one clause when nothing splits it). */
export function clauses(text: string, sentence: Sentence): Clause[] {
  const body = text.slice(sentence.start, sentence.end);
  const cuts: { at: number; resume: number }[] = [];
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(body); m; m = SEPARATOR.exec(body)) {
    const resume = m.index + m[0].length;
    const rest = body.slice(resume).replace(/^["“]/, "");
    if (/^to \p{Ll}/u.test(rest) && !PLEDGE_BEFORE.test(body.slice(0, m.index))) continue;
    if (/^to (?:the|a|an|their|its|our|this|these|that)\b/i.test(rest)) continue;
    const previousCut = cuts[cuts.length - 1]?.resume ?? 0;
    if (wordCount(body.slice(previousCut, m.index)) < 3 || wordCount(rest) < 3) continue;
    cuts.push({ at: m.index, resume });
  }
  const out: Clause[] = [];
  let from = 0;
  for (const cut of [...cuts, { at: body.length, resume: body.length }]) {
    const clause = trimmed(sentence.start + from, sentence.start + cut.at, text);
    if (clause) out.push(clause);
    from = cut.resume;
  }
  return out;
}

function trimmed(start: number, end: number, text: string): Clause | null {
  let a = start;
  let b = end;
  while (a < b && /[\s,;]/.test(text[a] ?? "")) a++;
  while (b > a && /[\s,;]/.test(text[b - 1] ?? "")) b--;
  if (b <= a) return null;
  const body = text.slice(a, b);
  return {
    start: a,
    end: b,
    infinitive: /^to \p{Ll}/u.test(body),
    listItem: /^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s/.test(body),
  };
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
