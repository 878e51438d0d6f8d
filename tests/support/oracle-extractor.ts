/**
 * An "extractor" that answers with the labels themselves, for the test of `npm run eval:import`:
 * it finds the fixture whose text it is given and returns each labelled pledge and position as a
 * candidate with the labelled values, so a correct scorer reports 1.0 on every figure.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { locateLabels, ZLabelFile } from "../../lib/import/fixture-labels";
import type { Candidate, ExtractOptions } from "../../lib/import/types";

const DIR = path.join(__dirname, "../fixtures/import");

/** The labelled candidates of the fixture whose text is `text`. @throws Error for a text not in the set. */
export function extractCandidates(text: string, options: ExtractOptions): Candidate[] {
  const name = readdirSync(DIR).find((f) => f.endsWith(".txt") && readFileSync(path.join(DIR, f), "utf8") === text);
  if (!name) throw new Error("not a fixture text");
  const labels = ZLabelFile.parse(
    JSON.parse(readFileSync(path.join(DIR, name.replace(/\.txt$/, ".expected.json")), "utf8")),
  );
  const { pledges, positions } = locateLabels(text, labels);
  const all = options.parties.map((p) => p.code);
  return [
    ...pledges.map(({ label, start, end }) => ({
      paragraph: label.paragraph ?? 0,
      quote: text.slice(start, end),
      start,
      end,
      kind: "pledge" as const,
      strength: label.strength,
      theme: label.theme,
      parties: label.parties,
      deadlinePhrase: label.deadlinePhrase,
      targetDate: label.targetDate,
      targetPrecision: label.targetPrecision,
      rules: ["ORACLE"],
      flags: label.recurring ? ["recurring"] : [],
    })),
    ...positions.map(({ start, end }) => ({
      paragraph: 0,
      quote: text.slice(start, end),
      start,
      end,
      kind: "position" as const,
      strength: null,
      theme: "political",
      parties: all,
      deadlinePhrase: null,
      targetDate: null,
      targetPrecision: null,
      rules: ["ORACLE"],
      flags: [],
    })),
  ];
}
