/**
 * Candidate commitments of an imported text (issue 10, step 3), by the written codebook in
 * docs/import-codebook.md, which adopts the G7/G20 Research Group's definition of a commitment.
 * Rules of our own, no model and no network: every candidate lists the ids of the rules that fired
 * (C* what counts, S* strength, T* theme, P* parties, D* deadlines from lib/import/deadlines.ts).
 *
 * Each candidate's quote is `text.slice(start, end)` (offsets into the text as given, UTF-16 code
 * units), trimmed of surrounding whitespace. Positions (kind "position": welcoming, noting,
 * concern, third-country positions, bare aspirations, unspecific cues) are returned too, so the
 * reviewer sees them; they are to be rejected by default. Sentences with no cue at all give nothing.
 */
import { resolveDeadline } from "./deadlines";
import { clauses, type Clause } from "./clauses";
import { classifyClause, type Classified } from "./classify";
import { documentTheme, referredTheme, themeOf } from "./theme";
import { paragraphBodyStart, paragraphs, sentences } from "./structure";
import type { Candidate, ExtractOptions, Paragraph, Sentence } from "./types";

/**
 * Where a part of a text sits in the whole document, for the rules that read the whole of it (T17
 * the document's theme, T18 an instrument named earlier): lib/import/extract-progress.ts extracts a
 * block of paragraphs at a time and passes the whole text, the block's offset in it, and the
 * document's theme computed once.
 */
export interface DocumentContext {
  text: string;
  offset: number;
  theme: string | null;
}

/**
 * The candidates of `text`, in text order. `options.documentDate` (YYYY-MM-DD) resolves deadline
 * phrases; `options.parties` are the owers a candidate can name (their codes go in `parties`).
 * `documentContext` when `text` is a block of a longer document (offsets stay the block's).
 */
export function extractCandidates(
  text: string,
  options: ExtractOptions,
  documentContext?: DocumentContext,
): Candidate[] {
  const out: Candidate[] = [];
  const allCodes = options.parties.map((p) => p.code);
  const partyNames = options.parties.flatMap((p) => [p.code, ...p.names]);
  const whole = documentContext ?? { text, offset: 0, theme: documentTheme(text, { partyNames }) };
  const docTheme = whole.theme;
  const partyWords = new Set(options.parties.flatMap((p) => p.names.flatMap((n) => n.split(/[\s–—-]+/))));
  // C12: a pledge that ends in ":" ("The two sides agreed to:") governs the list items after it.
  let leadIn: Classified | null = null;
  // C16: a lead-in that names its action ("will cooperate in the following areas:") keeps its items.
  let scope: Scope | null = null;
  const closeScope = () => {
    if (scope) {
      const clause: Clause = { start: scope.start, end: scope.end, infinitive: false, listItem: false, joined: [] };
      out.push(
        toCandidate(text, scope.sentence, clause, scope.c, false, {
          ...scope,
          options,
          allCodes,
          partyNames,
          docTheme,
          whole,
        }),
      );
    }
    scope = null;
  };
  for (const paragraph of paragraphs(text)) {
    const listItem = isListItem(text, paragraph);
    // The scope's items are lettered, roman or bulleted and follow without a blank line ("2.2" is not one);
    // the first may follow its lead-in after one, since a lead-in ending in ":" has its list next (C16).
    if (
      scope &&
      listItem &&
      !/^\d/.test(paragraph.number ?? "") &&
      (scope.end === scope.leadEnd || !/\n\s*\n/.test(text.slice(scope.end, paragraph.start)))
    ) {
      scope.end = Math.max(scope.end, trimmedEnd(text, paragraph.end));
      continue;
    }
    closeScope();
    if (!listItem) leadIn = null;
    const paragraphSentences = sentences(text, paragraph);
    let antecedent: Classified | null = null;
    for (const [si, sentence] of paragraphSentences.entries()) {
      const parts = clauses(text, sentence, partyWords);
      let previous: Classified | null = null;
      for (const clause of parts) {
        const inherited = previous ?? (listItem && si === 0 ? leadIn : null);
        const last = si === paragraphSentences.length - 1 && clause === parts[parts.length - 1];
        const isLeadIn = last && /:\s*$/.test(text.slice(clause.start, clause.end));
        const c = classifyClause(text, sentence, clause, {
          parties: options.parties,
          inherited,
          continuation: previous !== null,
          leadIn: isLeadIn,
          antecedent: antecedent && { parties: antecedent.parties, rules: antecedent.partyRules },
        });
        if (c === null) continue;
        previous = c;
        antecedent = c;
        if (isLeadIn && c.kind === "pledge") {
          const lead = text.slice(clause.start, clause.end);
          if (SCOPE_LEAD.test(lead)) {
            const rules = c.rules.map((r) => (r === "C12" ? "C16" : r));
            scope = {
              start: clause.start,
              end: clause.end,
              leadEnd: clause.end,
              sentence,
              paragraph,
              c: { ...c, rules },
            };
          } else leadIn = c;
          continue;
        }
        if (!c.emit) continue;
        out.push(
          toCandidate(text, sentence, clause, c, parts.length > 1, {
            paragraph,
            options,
            allCodes,
            partyNames,
            docTheme,
            whole,
          }),
        );
      }
    }
  }
  closeScope();
  return out;
}

/** A lead-in whose own verb has its action, so its items are the areas of one commitment (C16). */
interface Scope {
  start: number;
  end: number;
  /** The end of the lead-in itself: until an item joins, `end` is this. */
  leadEnd: number;
  sentence: Sentence;
  paragraph: Paragraph;
  c: Classified;
}

/** "… in the following areas:", "… including:", "… such as:" — items are its scope, not new actions. */
const SCOPE_LEAD =
  /\b(?:(?:the|these) following (?:\p{L}+ ){0,2}(?:areas|fields|sectors|forms|modalities|matters|topics|priorities)|including|such as|inter alia|in particular)\s*:\s*$/iu;

function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] ?? "")) e--;
  return e;
}

/** True when the paragraph begins with a bullet, a letter or roman numeral, or a sub-number ("3.1"). */
function isListItem(text: string, paragraph: Paragraph): boolean {
  if (paragraphBodyStart(text, paragraph) === paragraph.start) return false;
  return paragraph.number === null || !/^\d+$/.test(paragraph.number);
}

function toCandidate(
  text: string,
  sentence: Sentence,
  clause: Clause,
  c: Classified,
  split: boolean,
  ctx: {
    paragraph: Paragraph;
    options: ExtractOptions;
    allCodes: string[];
    partyNames: string[];
    docTheme: string | null;
    whole: DocumentContext;
  },
): Candidate {
  const { paragraph, options, allCodes, partyNames, docTheme, whole } = ctx;
  const quote = text.slice(clause.start, clause.end);
  const rules = [...c.rules];
  if (split && c.kind === "pledge") rules.splice(rules.indexOf("C2") + 1, 0, "C3");
  rules.push(...clause.joined);
  const flags = [...c.flags];
  let deadlinePhrase: string | null = null;
  let targetDate: string | null = null;
  let targetPrecision: Candidate["targetPrecision"] = null;
  const deadlineRules: string[] = [];
  if (c.kind === "pledge") {
    const d = resolveDeadline(quote, options.documentDate);
    deadlinePhrase = d.phrase;
    targetDate = d.targetDate;
    targetPrecision = d.precision;
    deadlineRules.push(...d.rules);
    if (d.vague) flags.push("vague-deadline");
    if (d.recurring) flags.push("recurring");
  }
  // T0: a quote that names no theme takes its sentence's, then its paragraph's (one subject each),
  // then (T17) the document's when one theme holds more than half its keyword score.
  let theme = themeOf(quote, { partyNames, deadlinePhrase });
  if (theme.rule === "T0" && split) theme = themeOf(text.slice(sentence.start, sentence.end), { partyNames });
  const referred =
    theme.rule === "T0" ? referredTheme(whole.text, whole.offset + clause.start, quote, { partyNames }) : null;
  if (referred) theme = { id: referred, rule: "T18", rules: ["T18"] };
  if (theme.rule === "T0") theme = themeOf(text.slice(paragraph.start, paragraph.end));
  if (theme.rule === "T0" && docTheme) theme = { id: docTheme, rule: "T17", rules: ["T17"] };
  rules.push(...theme.rules);
  const parties = c.parties === "all" ? allCodes : c.parties;
  rules.push(...c.partyRules);
  rules.push(...deadlineRules);
  const number = paragraph.number;
  return {
    paragraph: number === null ? paragraph.index : /^\d+$/.test(number) ? Number(number) : number,
    quote,
    start: clause.start,
    end: clause.end,
    kind: c.kind,
    strength: c.kind === "pledge" ? c.strength : null,
    theme: theme.id,
    parties,
    deadlinePhrase,
    targetDate,
    targetPrecision,
    rules: [...new Set(rules)],
    flags,
  };
}
