/**
 * Who owes a clause (codebook rules P1–P5, P7–P10): the subject before the cue, not every party the
 * clause names. Names after a preposition are objects or venues ("cooperation with Malaysia"), and
 * a pronoun subject ("It", "They") takes the paragraph's previous owers.
 */
import { ALL_PARTIES, ALL_PARTIES_KO, PREPOSITIONS } from "./cues";
import type { PartyName } from "./types";

const KO_SUBJECT_PARTICLE = /^\s*(?:측|정부|대통령|총리|정상)?\s*(?:은|는|이|가|도)(?![\p{Script=Hangul}])/u;

/** The parties that owe a clause and the P rule that chose them. */
export interface Owers {
  parties: string[] | "all";
  rules: string[];
}

/**
 * P1 a collective subject ("both sides", "the Leaders", "we") → all; P2 named parties → those;
 * P4 none named → the clause before it, or all (a joint text is the signers' joint word); the
 * rightmost subject before the cue wins; a name after a preposition is not a subject (P5).
 */
export function subjectOwers(
  segment: string,
  parties: PartyName[],
  inherited: Owers | null,
  antecedent: Owers | null,
): Owers {
  // P10: "India's ministry said the agreement would be signed": the speaker is not the subject.
  const report = /\b(?:said|says|told\s+(?:[\p{L}-]+\s+){0,3}?|stated|added|explained)\s+(?:that\s+)?/iu.exec(segment);
  if (report) {
    const embedded = segment.slice(report.index + report[0].length);
    const inner = subjectOwers(embedded, parties, null, null);
    if (inner.rules.includes("P1") || inner.rules.includes("P2")) return { ...inner, rules: [...inner.rules, "P10"] };
    if (!/^\s*(?:it|they|he|she|we)\b/i.test(embedded)) return { parties: "all", rules: ["P4", "P10"] };
    const speaker = subjectOwers(segment.slice(0, report.index), parties, inherited, antecedent);
    return { ...speaker, rules: [...speaker.rules, "P10"] };
  }
  type Mention = { index: number; end: number; code: string | "all" };
  const mentions: Mention[] = [];
  for (const re of [ALL_PARTIES, ALL_PARTIES_KO]) {
    re.lastIndex = 0;
    for (let m = re.exec(segment); m; m = re.exec(segment))
      mentions.push({ index: m.index, end: m.index + m[0].length, code: "all" });
  }
  const names = parties
    .flatMap((p) => p.names.map((n) => ({ code: p.code, name: n })))
    .sort((a, b) => b.name.length - a.name.length);
  for (const { code, name } of names) {
    // A Korean name takes its particles without a space ("말레이시아는"): only Latin letters end it.
    const after = /\p{Script=Hangul}$/u.test(name) ? "(?![\\p{Script=Latin}\\p{N}])" : "(?![\\p{L}\\p{N}])";
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name).replace(/^the /, "[Tt]he ")}${after}`, "gu");
    for (let m = re.exec(segment); m; m = re.exec(segment)) {
      const overlaps = mentions.some((x) => m!.index < x.end && x.index < m!.index + m![0].length);
      // "North Korea" is not "Korea", nor "Democratic People's Republic of Korea" the Republic of Korea.
      const otherState = /(?:North|People's Republic of|People’s Republic of)\s+$/u.test(segment.slice(0, m.index));
      // P8: "ASEAN–Japan Senior Officials", "the Korea-Malaysia Plan": a dashed compound names a joint thing.
      const compound =
        /^[–—-]\p{L}/u.test(segment.slice(m.index + m[0].length)) || /\p{L}[–—-]$/u.test(segment.slice(0, m.index));
      if (compound) continue;
      if (!overlaps && !otherState) mentions.push({ index: m.index, end: m.index + m[0].length, code });
    }
  }
  mentions.sort((a, b) => a.index - b.index);
  // P2: an abbreviation in brackets after a party's name is that name again ("the Republic of Korea (ROK)").
  for (let i = mentions.length - 1; i > 0; i--) {
    const [prev, cur] = [mentions[i - 1]!, mentions[i]!];
    if (prev.code === cur.code && /^\s*\(\s*$/.test(segment.slice(prev.end, cur.index))) mentions.splice(i, 1);
  }
  // P9: in Korean the subject carries a topic or subject particle ("한국 측은", "양 정상은", "한국이").
  if (/\p{Script=Hangul}/u.test(segment)) {
    const marked = mentions.filter((m) => KO_SUBJECT_PARTICLE.test(segment.slice(m.end)));
    if (marked.length) mentions.splice(0, mentions.length, ...marked);
  }
  const subjects: Mention[] = [];
  let excludedUntil = -1;
  for (const m of mentions) {
    const before = segment.slice(0, m.index);
    const word = /([\p{L}-]+)\s+(?:the\s+)?$/iu.exec(before)?.[1]?.toLowerCase() ?? "";
    const joined = /^\s*(?:,|and|&|dan|와|과)\s*(?:the\s+)?$/iu.test(segment.slice(excludedUntil, m.index));
    if (PREPOSITIONS.has(word) || (excludedUntil >= 0 && joined)) {
      excludedUntil = m.end;
      continue;
    }
    excludedUntil = -1;
    subjects.push(m);
  }
  if (subjects.length === 0) {
    if (inherited) return { parties: inherited.parties, rules: ["P4"] };
    // P7: "Korea will build a centre. It will also send instructors." — the pronoun's antecedent.
    if (antecedent && /^\s*(?:They|It)\b/.test(segment)) return { parties: antecedent.parties, rules: ["P7"] };
    return { parties: "all", rules: ["P4"] };
  }
  const last = subjects[subjects.length - 1]!;
  if (last.code === "all") return { parties: "all", rules: ["P1"] };
  // Named parties joined by "and" / "," form one subject ("Korea and Malaysia will …").
  const group = [last];
  for (let i = subjects.length - 2; i >= 0; i--) {
    const a = subjects[i]!;
    if (a.code === "all" || !/^\s*(?:,|and|&|dan|와|과)\s*(?:the\s+)?$/iu.test(segment.slice(a.end, group[0]!.index)))
      break;
    group.unshift(a);
  }
  const codes = [...new Set(group.map((g) => g.code as string))];
  return { parties: codes.length === parties.length ? "all" : codes, rules: ["P2"] };
}

/** The code of the party `name` names ("Korea's" owner of an offer), or null. */
export function partyCodeOf(name: string, parties: PartyName[]): string | null {
  const n = name.trim().replace(/^the\s+/i, "");
  for (const p of parties)
    if (p.names.some((x) => x.replace(/^the\s+/i, "") === n || n.endsWith(` ${x}`))) return p.code;
  return null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
