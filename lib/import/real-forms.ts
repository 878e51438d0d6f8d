/**
 * Rules of the import codebook (docs/import-codebook.md) for forms that real joint statements use
 * and the written fixtures lacked, found by the round "real-1" of tests/fixtures/import/:
 *
 * - C23 `effectNotAction`: a modal whose verb describes an effect or a state, not an action of the
 *   signers ("which will bring the two countries closer", "will continue to reflect our
 *   commitment", "will be guided by") — a position.
 * - C24 `relationshipOnly`: a cue whose object is the relationship itself ("committed to
 *   strengthening bilateral relations for the mutual benefit of …", "to pursuing these
 *   opportunities under …", "agree to work more closely to address the challenges we face") —
 *   nothing checkable, a position.
 * - C25 `actionPlanItem`: a numbered or bulleted item of an action plan in the present tense with
 *   the parties as subject and an activity verb ("Both sides hold annual Defence Policy Talks.") — a
 *   binding pledge with no cue word.
 *
 * Pure functions over one clause's text; lib/import/classify.ts calls them in the codebook's order.
 */

import { keywordPattern, THEMES } from "./lexicon";

const ADVERBS = "(?:(?:also|further|jointly|actively|continuously|closely|more|steadily|\\p{L}+ly)\\s+)*";

/** C23 (a): a modal + a verb of state: what a thing reflects or is guided by, not what a party does. */
const STATIVE = new RegExp(
  `^(?:will|would|shall)\\s+(?:not\\s+)?${ADVERBS}(?:continue\\s+to\\s+)?${ADVERBS}` +
    "(?:reflect|be\\s+(?:guided|based|grounded|founded|underpinned|anchored|informed)|mark|represent|symboli[sz]e|signify|embody|demonstrate|testify)\\b",
  "iu",
);

/** C23 (b): a relative or demonstrative subject + a verb of effect ("which will bring …", "This will help …"). */
const EFFECT_SUBJECT = /(?:^|[\s,(])(?:which|that|this|these|it)\s+$/iu;
const EFFECT_VERB = new RegExp(
  `^(?:will|would|shall)\\s+${ADVERBS}(?:bring|benefit|help|contribute|serve|enhance|improve|boost|facilitate|deepen|strengthen|create|generate|open|pave|catalyse|catalyze|lay|spur|stimulate|foster|underpin)\\b`,
  "iu",
);

/**
 * C23: true when the strength cue at `cueIndex` of clause `s` is a modal whose verb names an effect
 * or a state (a), or a modal after a relative or demonstrative subject whose verb names an effect (b).
 */
export function effectNotAction(s: string, cueIndex: number): boolean {
  const rest = s.slice(cueIndex);
  if (STATIVE.test(rest)) return true;
  return EFFECT_SUBJECT.test(s.slice(Math.max(0, cueIndex - 12), cueIndex)) && EFFECT_VERB.test(rest);
}

/** C24: verbs that act on a relationship, and the nouns that name one. */
const REL_VERB =
  "(?:strengthen|enhanc|deepen|broaden|expand|pursu|build|foster|advanc|promot|further|consolidat|nurtur|intensif|boost|reinforc|address|tackl|sustain|seiz)\\p{L}*";
const REL_NOUN =
  "(?:relations|relationship|ties|[Pp]artnership|friendship|cooperation|collaboration|engagement|opportunities|challenges|momentum|work|areas\\s+of\\s+cooperation)";
/** Straight after the cue, only determiners and adjectives may come before the noun ("a closer partnership"). */
const MODIFIERS =
  "(?:(?:a|an|the|their|our|its|new|further|more|and|closer|deeper|stronger|broader|greater|forward-looking|[\\p{Ll}-]+(?:al|ive|ful|ous|ic|er|ed))\\s+){0,6}";
/**
 * C24 "between …" only when what follows is the sides themselves ("between the two countries",
 * "between Korea and Malaysia", "between them"); "cooperation between their political parties /
 * parliaments / universities" names who acts, which can be checked (C24 "between", real-4).
 */
const BETWEEN_SIDES =
  "between(?=\\s+(?:(?:the|our|their)\\s+)?(?:two|both)\\s+(?:countries|nations|sides|peoples|governments|economies|regions)\\b|\\s+(?:the\\s+)?\\p{Lu}|\\s+(?:them|us|each\\s+other|one\\s+another)\\b)";
/** What may follow the noun and still name no field, instrument or measure. */
const REL_END = `(?=\\s*$|\\s*[.;]|\\s*,(?!\\s*(?:including|in particular|notably|such as|through|by|with)\\b)|\\s+(?:(?:we|they)\\s+(?:face|share)|for\\s+(?:the\\s+)?(?:(?:mutual|common|shared|greater)\\s+)?(?:benefit|good|interest|sake|prosperity|peace)|for\\s+(?:the\\s+)?(?:mutual|common|shared|greater)|${BETWEEN_SIDES}|as|under|amidst|amid|grounded|based|that|which|to\\s+(?:bring|keep|ensure|make)|so\\s+as|in\\s+order|with\\s+a\\s+view|and)\\b)`;
/** C24's pattern with `noun` as the relationship's name (REL_NOUN, or also a defined acronym). */
const relationshipPattern = (noun: string) =>
  new RegExp(
    `^\\s*(?:continu\\p{L}*\\s+(?:to\\s+)?)?${ADVERBS}(?:work(?:ing)?\\s+(?:more\\s+)?(?:closely\\s+)?(?:together\\s+)?to\\s+)?${ADVERBS}` +
      `(?:${REL_VERB}\\s+(?:(?!to\\s)[\\p{L}-]+\\s+){0,6}?|${MODIFIERS})${noun}${REL_END}`,
    "u",
  );
const RELATIONSHIP_ONLY = relationshipPattern(REL_NOUN);
/** "the Comprehensive Strategic Partnership (CSP)": an acronym the text defines for the relationship. */
const DEFINED_ACRONYM = /(?:Partnership|Relationship)\s*\((\p{Lu}{2,8})\)/gu;

/**
 * C24: true when what follows the cue (`afterCue`, the clause from the end of its cue chain) acts
 * only on the relationship (or on an acronym `text` defines for it: "the CSP") — its object is "relations", "ties", "partnership", "cooperation",
 * "opportunities", "challenges" … with no field, instrument, number or date after it.
 */
export function relationshipOnly(afterCue: string, text = ""): boolean {
  if (/\p{N}/u.test(afterCue)) return false;
  const pattern = patternFor(text);
  const m = pattern.exec(afterCue);
  // A field named in the object ("deepen defence cooperation", "rice-related cooperation") is checkable: not C24.
  return !!m && !FIELD_COMPOUND.test(m[0]) && !FIELD_WORDS.some((re) => re.test(m[0]));
}

/** "rice-related", "trade-related", "energy-related": a compound that names the field (C24, real-5). */
const FIELD_COMPOUND = /\p{L}-related\b/u;

/** The C24 pattern for one text, kept for the last text seen: the text is scanned once, not once per clause. */
let cached: { text: string; pattern: RegExp } | null = null;
function patternFor(text: string): RegExp {
  if (cached?.text === text) return cached.pattern;
  const acronyms = [...new Set([...text.matchAll(DEFINED_ACRONYM)].map((a) => a[1]!))];
  const pattern = acronyms.length ? relationshipPattern(`(?:${REL_NOUN}|${acronyms.join("|")})`) : RELATIONSHIP_ONLY;
  cached = { text, pattern };
  return pattern;
}

/** The lexicon's keywords (not its general words): a field, a sector, an instrument's subject. */
const FIELD_WORDS = THEMES.flatMap((t) => t.keywords).map((k) => {
  const re = keywordPattern(k);
  return new RegExp(re.source, re.flags.replace("g", ""));
});

/** C25: the verbs of an agreed activity in an action plan's present tense. */
const ACTIVITY =
  "hold|maintain|conduct|convene|organi[sz]e|host|co-host|undertake|implement|exchange|establish|provide|deploy|send|dispatch|participate|coordinate|consult|meet|increase|expand|continue";
const PLAN_ITEM = new RegExp(`^(?<subject>[^,;:]{2,90}?)\\s+(?:${ACTIVITY})\\b(?!-)`, "u");
/** Words a subject of parties may have besides their names. */
const SUBJECT_WORDS = new Set("and the both two sides countries parties participants governments of".split(" "));
/** The start of a list item on its line: "1.", "2.1", "(a)", "i.", a bullet. */
const ITEM_MARK = /(?:^|\n)[ \t]*(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]|[•▪‣◦*–-])[ \t]+$/u;

/**
 * C25: the subject of clause `s` when it is an action plan's item — the clause opens a numbered or
 * bulleted line (`before` is the text before the clause), its subject is only the parties' names
 * or a collective ("Both sides", "Australia and the ROK"), and its verb is an activity in the
 * present tense. Null otherwise.
 */
export function actionPlanItem(s: string, before: string): string | null {
  if (!ITEM_MARK.test(before)) return null;
  const m = PLAN_ITEM.exec(s);
  if (!m?.groups) return null;
  const subject = m.groups.subject!;
  const words = subject.replace(/\([^)]*\)/g, " ").match(/[\p{L}][\p{L}'’.-]*/gu) ?? [];
  const ok = words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w) || SUBJECT_WORDS.has(w.toLowerCase()));
  return ok ? subject : null;
}
