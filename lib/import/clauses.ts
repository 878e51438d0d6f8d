/**
 * Codebook rule C3, one target = one commitment: a sentence is cut into clauses where a new
 * pledge or position begins — at a semicolon, or at "and" / "as well as" / "while" followed by a
 * new cue ("… and agreed to …", "… and will …", "… and to establish …" after a pledge, "…, and
 * Korea will …"). A list of measures for one target ("including A, B and C") has no new cue and
 * stays one clause. Offsets are into the whole text; each clause is trimmed of whitespace and of
 * the commas and semicolons that separated it.
 */
import { STRENGTH_CUES } from "./cues";
import type { Sentence } from "./types";

/** A part of a sentence that may hold one commitment. */
export interface Clause {
  start: number;
  end: number;
  /** True when the clause begins with "to <verb>" and takes its cue from the clause before it. */
  infinitive: boolean;
  /** True when the clause begins with an inline list marker ("(b) establish …" after "; "). */
  listItem: boolean;
  /** Ids of the rules that kept a split point inside this clause (C19–C21) or cut its end (C26). */
  joined: string[];
}

const FINITE =
  "(?:also |further |then |likewise )?(?:will|shall|would|agree[sd]?|decide[sd]?|commit(?:s|ted)?|resolve[sd]?|pledge[sd]?|" +
  "undert(?:ake|akes|ook)|promise[sd]?|task(?:s|ed)?|instruct(?:s|ed)?|direct(?:s|ed)?|mandate[sd]?|welcome[sd]?|note[sd]|" +
  "recall(?:s|ed)?|express(?:es|ed)|reaffirm(?:s|ed)?|reiterate[sd]?|condemn(?:s|ed)?|call(?:s|ed)|urge[sd]?|aim(?:s|ed)?|" +
  "plan(?:s|ned)?|seek(?:s)?|sought|intend(?:s|ed)?|strive[sd]?|explore[sd]?|consider(?:s|ed)?|look(?:s|ed)? forward|" +
  "are committed|is committed|said|stated|confirmed|concurred|announced|explained|hope[sd]?)\\b";

const SUBJECT =
  "(?:(?:[Bb]oth|[Tt]he two) (?:[Ss]ides|[Cc]ountries|[Ll]eaders|[Pp]arties|[Gg]overnments)|[Tt]he [Ll]eaders|[Tt]he [Pp]arties|" +
  "we|they|it|\\p{Lu}[\\p{L}-]+(?: \\p{Lu}[\\p{L}-]+){0,3}|the \\p{Lu}[\\p{L}-]+(?: \\p{Lu}[\\p{L}-]+){0,3}|" +
  "the \\p{Lu}[\\p{L}-]+ (?:side|[Gg]overnment|delegation|[Pp]articipant|[Pp]arty|[Mm]inistry|[Aa]uthorities))";

/** A second pledge made as a noun ("… and an agreement to explore …", "… and a commitment to …"). */
const NOMINAL_PLEDGE =
  '(?:an?|the|their|its) (?:agreement|commitment|pledge|promise|decision|undertaking)s? [“"]?to \\p{Ll}';

/**
 * C26: ", opening new prospects …", ", paving the way for …", ", contributing to …": a participle
 * of effect after a comma says what the pledge will bring, not what the signers do; it is cut off
 * (a clause with no cue, so no candidate).
 */
export const EFFECT_PARTICIPLE =
  "(?:thereby |thus )?(?:opening|paving|marking|contributing|bringing|ushering|heralding|laying|reflecting|demonstrating|underscoring|signall?ing|symboli[sz]ing|representing)\\b";

const EFFECT_AHEAD = new RegExp(`^${EFFECT_PARTICIPLE}`, "u");

/**
 * C27: ", and make progress in …" after "agreed to strengthen …": a second bare infinitive after
 * "and" (after a comma, or after an object of three words or more) is a second action of the same cue (a verb of this list with an object, so a
 * noun after "and" — "and support for …" — does not cut).
 */
const BARE_ACTION =
  "(?:make|establish|launch|promote|develop|expand|enhance|strengthen|deepen|conclude|hold|sign|create|set up|build|support|increase|accelerate|advance|implement|pursue|facilitate|encourage|intensify|resume|finali[sz]e|negotiate|open|improve|combat|fight)\\s+(?!(?:for|of|to|in|from|with|at|by|on|and|or)\\b)\\p{Ll}";
const BARE_AHEAD = new RegExp(`^${BARE_ACTION}`, "u");
/** C27 without a comma: three words or more after the last "to <verb>". */
const OBJECT_BEFORE = /\bto \p{Ll}+(?:\s+\S+){3,}\s*$/u;
/** The pledge "… to <verb>" that a C27 bare infinitive continues. */
const TO_ACTION_BEFORE =
  /\b(?:agreed|agree|decided|committed|resolved|pledged|vowed|undertook|aim|aimed|plan|planned|intend|intended|seek|sought|will|shall)\b[^;]*?\bto \p{Ll}/iu;

const SEPARATOR = new RegExp(
  `,?\\s+and\\s+(?=${BARE_ACTION})|,\\s+(?=${EFFECT_PARTICIPLE})|;\\s*(?:and\\s+)?|,?\\s+(?:and|as well as|while|whereas)\\s+(?=["“]?(?:${FINITE}|to \\p{Ll}+|${SUBJECT} ${FINITE}|that (?:[\\p{L}'’–-]+ ){1,6}?(?:will|shall|would)\\b)|${NOMINAL_PLEDGE})`,
  "gu",
);

/** A finite verb or cue before an "and" split point: the part before is a clause of its own. */
const VERB_BEFORE = new RegExp(
  `(?<![\\p{L}])${FINITE}|(?<![\\p{L}])(?:\\p{L}+ed|set|made|held|met|took|gave|sent|began|saw|brought|led|built|kept)\\b`,
  "iu",
);

/** True when `before` has a verb or a strength cue of its own (S1–S3): it is a clause. */
function hasVerb(before: string): boolean {
  if (VERB_BEFORE.test(before)) return true;
  return STRENGTH_CUES.some((cue) => {
    cue.re.lastIndex = 0;
    return cue.re.test(before);
  });
}

/** Any pledge verb before a split point: "and to …" is parallel only after one. */
const PLEDGE_BEFORE =
  /\b(?:will|shall|agreed|agree|decided|committed|resolved|pledged|undertook|aim|aimed|plan|planned|seek|intend|intended|explore|consider|tasked|instructed)\b/i;

/**
 * The clauses of `sentence` in `text`, in order (one clause when nothing splits it). `partyWords`
 * are the words of the parties' names, which never mark the same instrument (C21).
 */
export function clauses(text: string, sentence: Sentence, partyWords: ReadonlySet<string> = new Set()): Clause[] {
  const body = text.slice(sentence.start, sentence.end);
  const cuts: { at: number; resume: number; bare?: boolean; rule?: string }[] = [];
  const kept: { at: number; rule: string }[] = [];
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(body); m; m = SEPARATOR.exec(body)) {
    const resume = m.index + m[0].length;
    const rest = body.slice(resume).replace(/^["“]/, "");
    if (/^to \p{Ll}/u.test(rest) && !PLEDGE_BEFORE.test(body.slice(0, m.index))) continue;
    if (/^to (?:the|a|an|their|its|our|this|these|that)\b/i.test(rest)) continue;
    const previousCut = cuts[cuts.length - 1]?.resume ?? 0;
    const before = body.slice(previousCut, m.index);
    const bare = /^,?\s+and\s/.test(m[0]) && BARE_AHEAD.test(rest);
    if (bare && !TO_ACTION_BEFORE.test(before)) continue;
    // Without a comma, the first action needs an object of its own ("to raise trade to … and support"),
    // so "agreed to strengthen and expand cooperation" stays one clause.
    if (bare && !m[0].startsWith(",") && !OBJECT_BEFORE.test(before)) continue;
    if (wordCount(before) < 3 || wordCount(rest) < 3) continue;
    // "South Korea and Vietnam agreed …": an "and" with no verb before it joins two subjects.
    if (!m[0].startsWith(";") && !hasVerb(before)) continue;
    const rule = keptTogether(before, rest, partyWords);
    if (rule) {
      kept.push({ at: m.index, rule });
      continue;
    }
    const cutRule = !bare && m[0].startsWith(",") && EFFECT_AHEAD.test(rest) ? "C26" : undefined;
    cuts.push({ at: m.index, resume, bare, ...(cutRule ? { rule: cutRule } : {}) });
  }
  const out: Clause[] = [];
  let from = 0;
  let afterBare = false;
  for (const cut of [...cuts, { at: body.length, resume: body.length }]) {
    const clause = trimmed(sentence.start + from, sentence.start + cut.at, text);
    if (clause) {
      // C27: the bare infinitive takes the cue of the clause before, as "to <verb>" does.
      if (afterBare) clause.infinitive = true;
      clause.joined = [
        ...new Set([
          ...kept.filter((k) => k.at >= from && k.at < cut.at).map((k) => k.rule),
          ...(cut.rule ? [cut.rule] : []),
          ...(afterBare ? ["C27"] : []),
        ]),
      ];
      out.push(clause);
    }
    afterBare = "bare" in cut && cut.bare === true;
    from = cut.resume;
  }
  return out;
}

/** Report-back verbs: "… and to report to the Leaders" is a step of the same commitment (C19). */
const REPORT_BACK = /^(?:to|will|shall)\s+(?:(?:regularly|jointly|periodically)\s+)?(?:report|update|brief|revert)\b/i;
/** The modal of a relative clause ("…, which shall be …"): its subject is a thing, not a party (C20). */
const RELATIVE_MODAL = /\b(?:which|that|who)\s+(?:will|shall|would)\b/gi;
/** Capitalised words that every instrument's name has: not a sign of the same instrument (C21). */
const GENERIC_NAME_WORDS = new Set(
  (
    "The Joint Committee Commission Council Agreement Memorandum Understanding Plan Action Programme Program " +
    "Partnership Strategic Comprehensive Cooperation Dialogue Framework Forum Working Group Task Force Centre " +
    "Center Fund Initiative Mechanism Meeting Summit Ministerial Economic Trade Free Protocol Declaration Statement"
  ).split(" "),
);

/**
 * Why a split point must not cut, or null: C19 a report-back ("… and to report on progress …");
 * C20 a second verb of a relative clause ("which shall be … and shall be …"); C21 a second
 * infinitive that names the instrument the first one names ("accelerate the work on the Upgrade
 * and to sign the Upgrade Protocol"): one target, one commitment.
 */
function keptTogether(before: string, rest: string, partyWords: ReadonlySet<string>): string | null {
  if (REPORT_BACK.test(rest)) return "C19";
  if (/^(?:will|shall|would)\b/i.test(rest)) {
    const modals = [...before.matchAll(/\b(?:will|shall|would)\b/gi)];
    const relatives = [...before.matchAll(RELATIVE_MODAL)];
    const lastModal = modals.at(-1);
    const lastRelative = relatives.at(-1);
    if (
      lastModal &&
      lastRelative &&
      lastRelative.index + lastRelative[0].length === lastModal.index + lastModal[0].length
    )
      return "C20";
  }
  if (/^to \p{Ll}/u.test(rest)) {
    const names = (s: string) =>
      new Set(
        [...s.matchAll(/(?<=\s)\p{Lu}[\p{L}]+/gu)]
          .map((m) => m[0])
          .filter((w) => !GENERIC_NAME_WORDS.has(w) && !partyWords.has(w)),
      );
    const first = names(before);
    const restClause = rest.split(/[;,]/)[0] ?? rest;
    for (const w of names(` ${restClause}`)) if (first.has(w)) return "C21";
  }
  return null;
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
    joined: [],
  };
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
