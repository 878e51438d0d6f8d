/**
 * The cue tables of the import codebook (docs/import-codebook.md): the words that make a clause a
 * pledge and how firm it is (S1–S3), the words that make it a position (C6–C9), flags (S4, S5,
 * C11) and the subjects that name all parties (P1). English first, then Malay and Korean, the
 * languages of the default agreement. Patterns only; lib/import/candidates.ts applies them.
 */
import type { Strength } from "./types";

/** A cue: the rule it belongs to and its pattern (global, so every match is found). */
export interface Cue {
  rule: string;
  re: RegExp;
}

/** A pledge cue with the strength it gives. */
export interface StrengthCue extends Cue {
  strength: Strength;
}

const w = (source: string, flags = "giu") => new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${source})(?![\\p{L}\\p{N}])`, flags);
/** Korean attaches endings to the stem, so its cues match inside words. */
const ko = (source: string) => new RegExp(source, "gu");

/**
 * After "committed to" / "commitment to": an action (a gerund, a verb, "the early conclusion /
 * implementation / establishment … of", or a list lead-in ":"), not a noun goal ("committed to the denuclearisation of …", "to peace") — that is a position (C9).
 */
const ACTION_AHEAD =
  "(?=:| (?:the |an? )?(?:early |full |swift |effective |timely |successful )*(?:conclusion|implementation|completion|establishment|signing|launch|ratification|entry into force) of\\b| \\p{L}+ing\\b| (?!the |a |an |their |our |its |this |that |these |those |all |any |peace|stability|prosperity|security|democracy|freedom|multilateralism|\\p{Ll}+(?:al|ic|ive|ous|ful|able|ible) )\\p{Ll}+ )";

/**
 * S1: a word of time or place between "agreed" / "decided" and its "to" ("agreed today to",
 * "decided on Monday to", "agreed here that") — a news item's and a readout's wording.
 */
const WHEN =
  "(?:(?:today|yesterday|tonight|here|there|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this (?:morning|afternoon|evening|week)) )?";

/** S1 binding, S2 intent, S3 exploratory. Order does not matter: the earliest match wins. */
export const STRENGTH_CUES: readonly StrengthCue[] = [
  {
    rule: "S1",
    strength: "binding",
    re: w(
      "(?<!political |good |the |free |own )(?:will|shall|would)(?! like| be pleased| welcome)|" +
        `agree[sd]? ${WHEN}(?:to|that|upon|on)(?! the (?:importance|need|significance|value))|` +
        `decide[sd]? ${WHEN}(?:to|that|on|upon)|decision to|hereby \\p{L}+|` +
        `(?:(?:are|is|remain|remained|were|was|be|stay|stayed)? ?(?:firmly |fully )?committed|commit(?:s|ted)?(?: themselves| itself| ourselves)?|commitment) to${ACTION_AHEAD}|` +
        'agreement [“"]?to(?= \\p{Ll})|' +
        "resolve[sd]? to|pledge[sd]? to|pledged|pledging to|vow(?:s|ed|ing)? to|commitment of(?= (?:not )?\\p{Ll}+ing\\b)|promis(?:ed|ing|es|e) to|undert(?:ake|akes|ook|aking) to|" +
        "announced the (?:establishment|launch|creation|upgrade) of|" +
        "akan|bersetuju(?: untuk)?|komited|berikrar|memutuskan|berjanji",
    ),
  },
  {
    rule: "S1",
    strength: "binding",
    re: ko("합의(?:했|하였|한다)|하기로\\s*(?:했|하였|한다|결정)|할\\s*것이다|키로\\s*했"),
  },
  {
    rule: "S2",
    strength: "intent",
    re: w(
      "aim(?:s|ed|ing)? (?:to|at)|plan(?:s|ned|ning)? to|seek(?:s|ing)? to|sought to|intend(?:s|ed|ing)? to|intention to|" +
        "endeavou?r(?:s|ed|ing)?|striv(?:e|es|ed|ing)|strove|work(?:s|ed|ing)? (?:together )?towards?|" +
        "(?:goal|target|objective)s? of(?= (?:\\p{N}|USD|US\\$|EUR|\\p{Ll}+ing\\b))|stands? ready to|(?:is|are|remains?) ready to|expressed (?:its |their |his |her )?readiness to|make (?:every |all )?(?:possible )?efforts? to|vow(?:s|ed)? (?:(?:every|all|joint|greater) )?efforts? to|with a view to|(?:are |is )?determined to|target(?:s|ed|ing)? (?=\\p{N}|a |an |the )|" +
        "berhasrat|bercadang|berusaha|bertekad|mensasarkan|menyasarkan",
    ),
  },
  { rule: "S2", strength: "intent", re: ko("노력(?:하기로|한다|할)|예정(?:이다|이며)|목표로") },
  {
    rule: "S3",
    strength: "exploratory",
    re: w(
      "explor(?:e|es|ed|ing)|consider(?:s|ed|ing)?|give consideration to|" +
        "(?:seek(?:s|ing)?|sought|look(?:s|ed|ing)? for) (?:new )?(?:opportunities|ways)|" +
        "stud(?:y|ied|ying) the (?:possibility|feasibility)|look(?:s|ed|ing)? (?:into|at ways)|" +
        "discuss(?:ed|es|ing)? the possibility|examin(?:e|ed|ing) the (?:possibility|feasibility)|assess(?:ed|ing)? the feasibility|" +
        "meneroka|mempertimbangkan|mengkaji kemungkinan",
    ),
  },
  { rule: "S3", strength: "exploratory", re: ko("검토(?:하기로|한다|할)|모색(?:하기로|한다|할)") },
];

/** Positions: C6 welcoming, noting, recalling, praising; C7 condemnation and concern; C8 third-country positions; C9 bare aspirations. */
export const POSITION_CUES: readonly Cue[] = [
  {
    rule: "C6",
    re: w(
      "welcom(?:e|ed|es|ing)|not(?:e|ed|es|ing)|took note|take note|taking note|recall(?:ed|s|ing)?|" +
        "prais(?:e|ed|es|ing)|appreciat(?:e|ed|es|ing)|expressed (?:their |its |his |her )?(?:deep |sincere )?(?:appreciation|gratitude|satisfaction|thanks)|" +
        "commend(?:ed|s|ing)?|congratulat(?:e|ed|es|ing)|recogni[sz](?:e|ed|es|ing)|acknowledg(?:e|ed|es|ing)|lauded|hailed|celebrated|" +
        "(?:was|were) pleased|witness(?:ed|ing)|exchanged views|discuss(?:ed|es)(?! the possibility)|reviewed|" +
        "reaffirm(?:ed|s|ing)?|reiterat(?:e|ed|es|ing)|affirm(?:ed|s|ing)|underlin(?:e|ed|es|ing)|underscor(?:e|ed|es|ing)|" +
        "stress(?:ed|es|ing)|emphasi[sz](?:e|ed|es|ing)|highlight(?:ed|s|ing)|" +
        "mengalu-alukan|menyambut baik|mengiktiraf|mengimbas kembali|menghargai|memuji|menegaskan semula",
    ),
  },
  { rule: "C6", re: ko("환영(?:했|하였|한다)|평가(?:했|하였|한다)|재확인(?:했|하였|한다)|높이 평가|주목(?:했|하였)") },
  {
    rule: "C7",
    re: w(
      "condemn(?:ed|s|ing)?|deplor(?:e|ed|es|ing)|denounc(?:e|ed|es|ing)|regrett?(?:ed|s|ing)?|" +
        "expressed (?:their |its )?(?:grave |deep |serious |strong )?concerns?|(?:deeply |gravely |seriously )?concerned (?:about|over|at|by)|" +
        "alarmed|mengutuk|kebimbangan",
    ),
  },
  { rule: "C7", re: ko("규탄|우려") },
  {
    rule: "C8",
    re: w(
      "call(?:ed|s|ing)? (?:on|upon|for)|urg(?:e|ed|es|ing)|demand(?:ed|s|ing)?|" +
        "(?:expressed |reaffirmed |reiterated )?(?:their |its )?(?:full |strong |continued )?support (?:for|to)|supported|supports|" +
        "(?<=\\b(?:[Ww]e|[Tt]hey|[Ss]ides|[Ll]eaders|[Mm]inisters|[Cc]ountries|[Pp]arties) )support",
    ),
  },
  {
    rule: "C9",
    re: w(
      "hop(?:e|ed|es|ing)|look(?:ed|s|ing)? forward|aspir(?:e|ed|es|ing|ation)|wish(?:ed|es|ing)?|envisag(?:e|ed|es|ing)|envision(?:ed|s|ing)?|" +
        "shared? (?:the |a |their )?(?:vision|desire|view|goal|aspiration)|would like to|" +
        "expressed (?:their |its |his |her )?(?:full |firm |strong )?(?:confidence|belief|conviction|optimism)|" +
        "agree[sd]? (?:on|upon) the (?:importance|need|significance|value)|berharap|" +
        "(?:(?:are|is|remain|remained|remains|stay|stayed)? ?(?:firmly |fully |strongly )?committed|commit(?:s|ted)?) to(?= the | a | an | their | our | its | this |\\p{Lu})",
    ),
  },
  { rule: "C9", re: ko("기대(?:했|하였|한다)|희망(?:했|하였|한다)") },
];

/** C14: the instrument's own final clauses ("This Memorandum shall come into effect …") are not pledges. */
export const FINAL_CLAUSE =
  /^(?:This|The present) (?:Memorandum(?: of Understanding)?|MoU|Agreement|Arrangement|Protocol|Declaration|Statement|Joint Statement|Plan of Action|Programme)\b[^,;]{0,40}?\b(?:shall|will|may)\b(?:\s+\p{L}+)?\s+(?:come|enter|remain|be|terminate|expire|continue|cease|take\s+effect)\b|^(?:shall|will|may) (?:come into|enter into|remain in|be amended|terminate|expire|cease)\b/u;

/**
 * C15: the instrument's procedural clauses — costs, settlement of disputes, carve-outs, conformity
 * with domestic law, and renewal or amendment of "it" — say how the text works, not what a party
 * will do.
 */
export const PROCEDURAL =
  /^(?:Nothing in (?:this|the present)\b|Any (?:dispute|difference|disagreement|question|issue)s?\b[^.;]{0,160}?\b(?:shall|will|may)\b|(?:Cooperation|Activities|All activities|(?:The )?[Ii]mplementation)\b[^.;]{0,80}?\b(?:shall|will) be (?:carried out|conducted|implemented|undertaken|subject to)\b[^.;]{0,80}?\b(?:laws?|legislation|regulations)\b|It (?:shall|will|may) (?:\p{L}+ )?be (?:automatically )?(?:renewed|extended|amended|modified|terminated|suspended|interpreted|construed)\b)|\bbears? (?:its|their) own (?:costs|expenses)\b|\b(?:settled|resolved) amicably\b|\b(?:shall|will) not (?:affect|prejudice) (?:the )?(?:rights|obligations)\b/u;

/** C4: tasking an official or a body ("instructed their ministers to …"). Group 1 ends before "to". */
export const TASKING =
  /(?<![\p{L}])(?:instruct(?:ed|s|ing)?|task(?:ed|s|ing)|direct(?:ed|s|ing)|mandat(?:ed|es|ing)|ask(?:ed|s|ing)?|request(?:ed|s|ing)?|charg(?:ed|es|ing)|call(?:ed|s|ing)? (?:on|upon)|(?:task|direct|mandate|charge)(?= (?:our|their|the|its|both|respective|relevant) )) (?:the |their |our |its |both |respective |relevant |senior |each |two )*(?:[\p{L}\p{N}–—-]+ ){0,5}?(?:ministers?|ministr(?:y|ies)|officials?|authorit(?:y|ies)|agenc(?:y|ies)|commissions?|committees?|working groups?|task ?forces?|negotiators?|teams?|secretariats?|councils?|bodies|body|departments?|envoys?|sherpas?)(?: [\p{L}-]+){0,6}? to (?=\p{L})/giu;

/** C4 in Korean: "… 할 것을 … 장관에게 지시하였다" (instructed the ministers to …). */
export const TASKING_KO = /지시(?:했|하였|한다|하기로)/u;

/** C5: a party's offer, decision or plan that the text welcomes, notes or restates (C13); group 1 the owner, group 2 the noun. */
export const OFFER =
  /(?:welcom|appreciat|accept|not|acknowledg|recogni[sz]|support|reiterat|reaffirm|renew|repeat|confirm|extend|mengalu-aluk)\p{L}* (?:the |a |its |their |his |her )?(?:([\p{L}.’' -]{2,40}?)(?:'s|’s) )?(?:kind |generous )?(offer|proposal|plan|decision|commitment|pledge|intention|initiative|readiness|willingness)(?: of ([\p{L} .-]{2,40}?))? to (?=\p{L})/giu;

/** Nouns of C5 that make the offer binding (the others give intent). */
export const BINDING_OFFERS = new Set(["offer", "decision", "commitment", "pledge", "readiness", "willingness"]);

/** P1: subjects that name every party. */
export const ALL_PARTIES = w(
  "both sides|the two sides|both countries|the two countries|both leaders|the two leaders|the leaders|both parties|the parties|" +
    "both governments|the two governments|both nations|the two nations|both heads of (?:state|government)|the two heads of (?:state|government)|" +
    "both prime ministers|the two prime ministers|both presidents|the two presidents|we|our two countries|both ministers|the two ministers|" +
    "kedua-dua pihak|kedua-dua negara|kedua-dua pemimpin|kedua-dua kerajaan|kedua pihak|kedua negara",
);
export const ALL_PARTIES_KO = ko("양국|양측|양\\s?정상|두\\s?정상|양\\s?국가|우리는");

/** S4: negation. */
export const NEGATION = w(
  "(?:will|shall|would|do|does) not|won't|shan't|refrain(?:s|ed|ing)? from|not to|never|tidak akan",
);
export const NEGATION_KO = ko("않(?:기로|을|는다)|하지\\s*않");

/** S5: a condition. */
export const CONDITION = w(
  "subject to|if|unless|provided that|where (?:appropriate|possible|feasible|necessary)|as (?:necessary|appropriate|needed)|" +
    "when appropriate|conditions permitting|when (?:conditions|circumstances) (?:permit|allow)|jika|sekiranya|tertakluk kepada",
);

/** C11: a reporting frame ("X said …"): the reporter's words, not the statement's. */
export const REPORTING = w("said|says|say|told|according to|added|reported|quoted|tells|stated|explained");

/** Prepositions before a name that make it not the subject ("cooperation with Malaysia"). */
export const PREPOSITIONS = new Set(
  "with to in at from for of between among by into on visit visited visiting toward towards about across than and-of dengan ke di dari untuk antara".split(
    " ",
  ),
);
