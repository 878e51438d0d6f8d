/**
 * Rules of the import codebook (docs/import-codebook.md) for forms that round "real-5" of
 * tests/fixtures/import/ (real statements as news reports give them) showed:
 *
 * - C28 `ownActionAsserted`: "affirmed / confirmed / reiterated that he will …" — a party (or its
 *   leader: a personal pronoun, "both sides", a party's name or its government) asserting its own
 *   future action is a pledge, not the position that "affirmed" usually opens.
 * - C23 (c) `documentContent`: "The ASTC will outline …", "The roadmap will set out …" — what a
 *   document or a body of text will contain, with no party as its subject, is a position.
 *
 * Pure functions over one clause's text; lib/import/classify.ts calls them.
 */
import type { PartyName } from "./types";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The assertion verbs after which "that <subject> will" reports a pledge. */
const ASSERTION = /^(?:re)?affirm|^reiterat|^confirm|^underlin|^stress/i;
const OWN_SUBJECT = "(?:he|she|they|we|both sides|the two sides|(?:his|her|their|its|the)\\s+(?:government|country)s?)";

/**
 * C28: true when the position cue `cue` (its text) is an assertion and `after` (the clause after
 * the cue) goes on "that <a party, a pronoun or 'both sides'> will / would / shall …".
 */
export function ownActionAsserted(cue: string, after: string, parties: readonly PartyName[]): boolean {
  if (!ASSERTION.test(cue)) return false;
  const names = parties.flatMap((p) => [p.code, ...p.names]).map(escape);
  const subject = names.length ? `(?:${OWN_SUBJECT}|(?:the\\s+)?(?:${names.join("|")}))` : OWN_SUBJECT;
  return new RegExp(`^\\s+that\\s+${subject}\\s+(?:will|would|shall)\\b`, "iu").test(after);
}

/** C23 (c): a modal and a verb of what a text contains. */
const CONTENT_VERB =
  /^(?:will|would|shall)\s+(?:also\s+)?(?:outline|set\s+out|set\s+forth|contain|specify|describe|detail|list|cover|comprise)\b/iu;

/**
 * C23 (c): true when the strength cue at `cueIndex` of clause `s` is a modal whose verb names what a
 * text will contain and `namedParty` is false (the subject names no party: "The ASTC will outline
 * measures …"). "Korea will outline its plan" (a party presenting) stays a pledge.
 */
export function documentContent(s: string, cueIndex: number, namedParty: boolean): boolean {
  if (namedParty) return false;
  const subject = s.slice(0, cueIndex);
  if (/\b(?:we|they|both sides|the two sides|leaders|ministers|parties)\s*$/i.test(subject)) return false;
  return CONTENT_VERB.test(s.slice(cueIndex));
}
