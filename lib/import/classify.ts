/**
 * One clause by the import codebook (docs/import-codebook.md): pledge or position, its strength
 * (S1–S7), the rules that decided it (C1–C22) and the parties that owe it (P1–P10). Patterns are in
 * lib/import/cues.ts; this module applies them in the codebook's order.
 */
import {
  BINDING_OFFERS,
  CONDITION,
  FINAL_CLAUSE,
  NEGATION,
  NEGATION_KO,
  OFFER,
  PROCEDURAL,
  REPORTING,
  TASKING,
  TASKING_KO,
} from "./cues";
import { type Owers, partyCodeOf, subjectOwers } from "./owers";
import { actionPlanItem, effectNotAction, relationshipOnly } from "./real-forms";
import { documentContent, ownActionAsserted } from "./reported-forms";
import { firstPositionCue, firstStrengthCue, strengthChain } from "./strength";
import type { Clause } from "./clauses";
import type { CandidateKind, PartyName, Sentence, Strength } from "./types";

export type { Owers } from "./owers";

/** What the codebook says of one clause. */
export interface Classified {
  kind: CandidateKind;
  strength: Strength;
  /** C* and S* rules, in the order they fired. */
  rules: string[];
  parties: string[] | "all";
  partyRules: string[];
  flags: string[];
  /** False for a clause that is only a list's lead-in or has nothing to show. */
  emit: boolean;
}

const HANGUL = /\p{Script=Hangul}/u;

/** Words that carry no checkable action, target or timetable (codebook C2 / C10). */
const EMPTY_WORDS = new Set(
  (
    "the a an and or of to in on for with by at as their its our this that these those both two sides countries " +
    "continue continued further furthermore also closely close together work working cooperate cooperation " +
    "collaboration collaborate strengthen strengthening enhance enhancing deepen deepening promote promoting " +
    "relations relationship ties friendship bilateral mutual mutually areas area field fields various " +
    "all every other more greater stronger new such efforts effort way ways which be being been is are " +
    "ensure ensuring success successful remain remaining stay keep maintain touch contact communication communications"
  ).split(" "),
);

/** What a clause is read with besides its own words. */
export interface ClauseContext {
  /** The agreement's parties. */
  parties: PartyName[];
  /** The clause before it in the sentence, or the lead-in of the list it is an item of. */
  inherited: Classified | null;
  /** True when an earlier clause of the same sentence was classified. */
  continuation: boolean;
  /** True when the clause ends its paragraph with ":" (a list's lead-in, C12). */
  leadIn: boolean;
  /** The owers of the paragraph's previous classified clause, for a pronoun subject (P7). */
  antecedent: Owers | null;
}

/**
 * Classifies the clause `clause` of `sentence` in `text`. `inherited` is the clause before it in
 * the sentence (or a list's lead-in): a clause without its own cue that starts "to <verb>", or a
 * list item, takes its cue (S7) and its parties from it. Returns null when no rule applies.
 */
export function classifyClause(
  text: string,
  sentence: Sentence,
  clause: Clause,
  ctx: ClauseContext,
): Classified | null {
  const { parties, inherited, continuation, leadIn } = ctx;
  const owersOf = (segment: string) => subjectOwers(segment, parties, inherited, ctx.antecedent);
  const s = text.slice(clause.start, clause.end);
  const flags = flagsOf(text, sentence, clause, s);
  if (FINAL_CLAUSE.test(s) || (continuation && inherited?.rules.includes("C14") && /^(?:shall|will|may)\b/.test(s))) {
    return position(["C14"], { parties: "all", rules: ["P4"] }, flags);
  }
  if (PROCEDURAL.test(s)) return position(["C15"], { parties: "all", rules: ["P4"] }, flags);
  // C9/C6/C7: "expressed confidence that A and that B": the second object of a view is the same view.
  if (
    continuation &&
    inherited?.kind === "position" &&
    /^(?:C6|C7|C9)$/.test(inherited.rules[0] ?? "") &&
    /^that\s/i.test(s)
  )
    return position([inherited.rules[0]!], { parties: inherited.parties, rules: ["P4"] }, flags);
  const tasking = firstMatch(TASKING, s);
  if (tasking) {
    const chain = strengthChain(s, tasking.index + tasking[0].length, "binding", ["S1"], true);
    const owers = owersOf(s.slice(0, tasking.index));
    return pledge(["C4", "C1", ...chain.rules], chain.strength, owers, flags);
  }
  if (HANGUL.test(s) && TASKING_KO.test(s)) return pledge(["C4", "C1", "S1"], "binding", owersOf(s), flags);
  const offer = firstMatch(OFFER, s);
  // Restating a commitment or pledge is C13's to judge (an action, or an abstraction); an offer is C5's.
  const restated = offer && /^(?:reiterat|reaffirm|renew|repeat|confirm)/i.test(offer[0]);
  if (offer && !(restated && /^(?:commitment|pledge)$/i.test(offer[2] ?? ""))) {
    const noun = (offer[2] ?? "").toLowerCase();
    const owner = partyCodeOf(offer[1] ?? offer[3] ?? "", parties);
    const binding = BINDING_OFFERS.has(noun);
    const owers = owner ? { parties: [owner], rules: ["P3"] } : owersOf(s.slice(0, offer.index));
    return pledge(["C5", "C1", binding ? "S1" : "S2"], binding ? "binding" : "intent", owers, flags);
  }
  const pledgeHit = firstStrengthCue(s, 0);
  const positionHit = firstPositionCue(s);
  const recommitment =
    positionHit &&
    pledgeHit &&
    /^re(?:affirm|iterat|new)/i.test(s.slice(positionHit.index)) &&
    pledgeHit.index - positionHit.end < 40;
  // C28: "affirmed that he will encourage …": a party asserting its own action.
  const asserted =
    positionHit &&
    pledgeHit &&
    ownActionAsserted(s.slice(positionHit.index, positionHit.end), s.slice(positionHit.end), parties);
  if (positionHit && (!pledgeHit || positionHit.index < pledgeHit.index) && !recommitment && !asserted) {
    const owers = owersOf(s.slice(0, positionHit.index));
    return position([positionHit.rule], owers, flags);
  }
  if (!pledgeHit) {
    // C25: an action plan's item in the present tense ("Both sides hold annual Defence Policy Talks.").
    const planSubject = continuation
      ? null
      : actionPlanItem(s, text.slice(Math.max(0, clause.start - 40), clause.start));
    if (planSubject) {
      const owers = owersOf(planSubject);
      if (owers.rules.includes("P1") || owers.rules.includes("P2"))
        return pledge(["C25", "C1", "S1"], "binding", owers, flags);
    }
    // A clause cut off a C10 position keeps its cue: "agreed to remain in contact and to hold the next Summit …".
    const cueSource =
      inherited &&
      (inherited.kind === "pledge" ||
        (inherited.rules[0] === "C10" && inherited.rules.some((r) => /^S[1-3]$/.test(r))));
    if (inherited && cueSource && (clause.infinitive || clause.listItem || !continuation)) {
      const rules = [
        "C1",
        ...(continuation && !clause.listItem ? [] : ["C12"]),
        ...inherited.rules.filter((r) => /^S[1-3]$/.test(r)),
        "S7",
      ];
      // The item's names are its objects ("launch talks with Malaysia"): the owers are the lead's.
      const owers: Owers = { parties: inherited.parties, rules: ["P4"] };
      if (!specific(s, 0)) return position(["C10"], owers, flags);
      return pledge(rules, inherited.strength, owers, flags);
    }
    return null;
  }
  const chain = strengthChain(s, pledgeHit.end, pledgeHit.strength ?? "binding", [pledgeHit.rule], false);
  const rules = [...(recommitment ? ["C13"] : []), ...(asserted ? ["C28"] : []), "C1", ...chain.rules];
  const owers = HANGUL.test(s) ? owersOf(s) : owersOf(s.slice(0, chain.lastIndex));
  if (sharedView(s, pledgeHit)) return position(["C17"], owers, flags);
  // C22: "would be hard to reach", "will be crucial": a forecast or an evaluation, not an action.
  if (EVALUATION.test(s.slice(pledgeHit.index))) return position(["C22"], owers, flags);
  // C12: "have decided to implement the following actions." announces the list; the items are the pledges.
  if (FOLLOWING.test(s.slice(chain.end))) return position(["C12"], owers, flags);
  // C23: "which will bring …", "will continue to reflect …": an effect or a state, not an action.
  if (effectNotAction(s, pledgeHit.index)) return position(["C23"], owers, flags);
  if (documentContent(s, pledgeHit.index, !owers.rules.includes("P4"))) return position(["C23"], owers, flags);
  // A lead-in ("The Ministers agreed to:") is specific through the list items that follow it.
  if (!leadIn && !specific(s, HANGUL.test(s) ? 0 : chain.end)) {
    // C18: "Negotiations on the Investment Agreement will continue": the subject carries the action.
    if (!(owers.rules.includes("P4") && !ctx.inherited && subjectCarries(s.slice(0, pledgeHit.index))))
      return position(["C10", ...chain.rules], owers, flags, chain.strength);
    rules.push("C18");
  }
  // C24 (after C2 counted words): the object is the relationship itself ("to further strengthen bilateral relations for …").
  if (!leadIn && !rules.includes("C18") && relationshipOnly(s.slice(chain.end), text))
    return position(["C24", ...chain.rules], owers, flags, chain.strength);
  return pledge(leadIn ? [...rules, "C12"] : rules, chain.strength, owers, flags);
}

function pledge(rules: string[], strength: Strength, owers: Owers, flags: string[]): Classified {
  const withSpecific = [...rules];
  withSpecific.splice(withSpecific.indexOf("C1") + 1, 0, "C2");
  if (flags.includes("negation")) withSpecific.push("S4");
  if (flags.includes("condition")) withSpecific.push("S5");
  if (flags.includes("commentary")) withSpecific.push("C11");
  return {
    kind: "pledge",
    strength,
    rules: withSpecific,
    parties: owers.parties,
    partyRules: owers.rules,
    flags,
    emit: true,
  };
}

function position(rules: string[], owers: Owers, flags: string[], strength: Strength = "binding"): Classified {
  const kept = flags.filter((f) => f === "commentary");
  return {
    kind: "position",
    strength,
    rules: kept.length ? [...rules, "C11"] : rules,
    parties: owers.parties,
    partyRules: owers.rules,
    flags: kept,
    emit: true,
  };
}

/** C2: after the cue the clause names something checkable — two content words, a number or a date. */
function specific(s: string, from: number): boolean {
  const rest = s.slice(from);
  if (/\p{N}/u.test(rest)) return true;
  if (HANGUL.test(rest)) return rest.replace(/\s+/g, "").length >= 8;
  const words = rest.toLowerCase().match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return words.filter((w) => !EMPTY_WORDS.has(w)).length >= 2;
}

/**
 * C17: "agreed that … should / must / is …" states a shared view, not an undertaking; "agreed that
 * the Dialogue will be held in 2026" is one.
 */
function sharedView(s: string, cue: { index: number; end: number }): boolean {
  if (!/^(?:agree[sd]?|concurred) that\b/i.test(s.slice(cue.index))) return false;
  const rest = s.slice(cue.end);
  const normative =
    /\b(?:should|must|ought|needs? to|(?:is|are|was|were)(?! to\b)|remains?|has|have|can|could)\b/i.exec(rest);
  const future = /\b(?:will|shall|would)\b/i.exec(rest);
  return !!normative && (!future || normative.index < future.index);
}

/** C12: a lead-in that ends with "." and only points at the list after it. */
const FOLLOWING =
  /^\s*(?:implement|take|undertake|carry\s+out|pursue|adopt)\s+the\s+following\s+(?:actions|measures|activities|steps|initiatives)\s*\.\s*$/u;

/** C22: a modal + "be" + an evaluative adjective. */
const EVALUATION =
  /^(?:will|would|shall)\s+(?:not\s+)?(?:also\s+)?be\s+(?:\p{L}+ly\s+)?(?:hard|difficult|easy|likely|unlikely|possible|impossible|important|crucial|vital|essential|beneficial|challenging|necessary|critical|key|significant)\b/iu;

/** C18: a subject that names no party but an activity ("Negotiations on …", "The Joint Working Group"). */
function subjectCarries(subject: string): boolean {
  if (/^\s*(?:It|They|This|These|That)\b/.test(subject)) return false;
  const words = subject.toLowerCase().match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return (
    words.filter((w) => !EMPTY_WORDS.has(w) && !/^(?:meeting|leaders?|ministers?|officials?)$/.test(w)).length >= 2
  );
}

function flagsOf(text: string, sentence: Sentence, clause: Clause, s: string): string[] {
  const flags: string[] = [];
  if (test(NEGATION, s) || test(NEGATION_KO, s)) flags.push("negation");
  if (test(CONDITION, s)) flags.push("condition");
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (test(REPORTING, sentenceText) && !insideQuotes(text, sentence.start, clause.start + firstWordEnd(s)))
    flags.push("commentary");
  return flags;
}

/** True when offset `at` lies inside quotation marks opened in its sentence. */
function insideQuotes(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  const curly = (before.match(/[“‘]/g)?.length ?? 0) - (before.match(/[”’](?![\p{L}])/gu)?.length ?? 0);
  const straight = before.match(/"/g)?.length ?? 0;
  return curly > 0 || straight % 2 === 1;
}

function firstWordEnd(s: string): number {
  const cue = firstStrengthCue(s, 0);
  return cue ? cue.index : 0;
}

function firstMatch(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(s);
}

function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}
