/**
 * The codebook-rule tests' shared shape (tests/unit/import-candidates, import-rules and
 * import-rules-real): candidates of one text between Korea and Malaysia, with every candidate's
 * quote checked against its offsets, and the table-driven check of a list of sentences.
 */
import { expect } from "vitest";

import { extractCandidates } from "../../lib/import/candidates";
import { partyNamesFor } from "../../lib/import/party-names";
import type { Candidate } from "../../lib/import/types";

export const KR_MY = partyNamesFor(["KR", "MY"]);

/** The candidates of `text` (parties KR and MY); fails when a quote is not `text.slice(start, end)`. */
export function run(text: string, documentDate = "2024-11-25"): Candidate[] {
  const out = extractCandidates(text, { documentDate, parties: KR_MY });
  for (const c of out) expect(text.slice(c.start, c.end)).toBe(c.quote);
  return out;
}

/** The only candidate of `text` (fails when there is not exactly one). */
export function one(text: string): Candidate {
  const out = run(text);
  expect(out, JSON.stringify(out.map((c) => c.quote))).toHaveLength(1);
  return out[0]!;
}

/** The pledges among the candidates of `text`. */
export const pledges = (text: string): Candidate[] => run(text).filter((c) => c.kind === "pledge");

/**
 * Table-driven: each sentence gives exactly one candidate, of `kind`, whose rules include `rule`
 * (the first rule when `first`); the failure names the sentence.
 */
export function eachIsOne(
  sentences: readonly string[],
  kind: Candidate["kind"],
  rule: string,
  { first = false }: { first?: boolean } = {},
): void {
  for (const s of sentences) {
    const c = one(s);
    expect(c.kind, s).toBe(kind);
    if (first) expect(c.rules[0], s).toBe(rule);
    else expect(c.rules, s).toContain(rule);
  }
}
