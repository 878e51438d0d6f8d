/**
 * The scoring of eval:import (lib/import/evaluate.ts) on hand-made candidate lists whose precision,
 * recall and accuracies are known.
 */
import { describe, expect, it } from "vitest";

import { addTallies, type ExpectedSpan, figures, scoreFile, spanIoU } from "@/lib/import/evaluate";
import type { Candidate } from "@/lib/import/types";

const TEXT =
  "1. The two sides agreed to conclude the FTA by next year. " +
  "2. Korea will send a trade mission in March and the two sides will explore joint research. " +
  "3. The Leaders welcomed the progress of relations. " +
  "4. Malaysia will host the forum.";

/** An expected pledge at the first occurrence of `quote` in TEXT. */
function exp(quote: string, values: Partial<ExpectedSpan> = {}): ExpectedSpan {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in TEXT: ${quote}`);
  return {
    quote,
    start,
    end: start + quote.length,
    strength: "binding",
    theme: "trade",
    parties: ["KR", "MY"],
    targetDate: null,
    targetPrecision: null,
    ...values,
  };
}

/** A candidate over TEXT.slice(start, end), or at the first occurrence of `quote`. */
function cand(quote: string, values: Partial<Candidate> = {}): Candidate {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in TEXT: ${quote}`);
  return {
    paragraph: 1,
    quote,
    start,
    end: start + quote.length,
    kind: "pledge",
    strength: "binding",
    theme: "trade",
    parties: ["MY", "KR"],
    deadlinePhrase: null,
    targetDate: null,
    targetPrecision: null,
    rules: [],
    flags: [],
    ...values,
  };
}

const FTA = exp("The two sides agreed to conclude the FTA by next year.", {
  targetDate: "2025-12-31",
  targetPrecision: "year",
});
const MISSION = exp("Korea will send a trade mission in March", {
  parties: ["KR"],
  targetDate: "2025-03-31",
  targetPrecision: "month",
});
const RESEARCH = exp("the two sides will explore joint research.", { strength: "exploratory", theme: "education" });
const FORUM = exp("Malaysia will host the forum.", { parties: ["MY"], theme: "investment" });
const EXPECTED = [FTA, MISSION, RESEARCH, FORUM];
const WELCOMED = "The Leaders welcomed the progress of relations.";

describe("span IoU", () => {
  it("is intersection over union, 0 apart, 1 for the same span", () => {
    expect(spanIoU({ start: 0, end: 10 }, { start: 0, end: 10 })).toBe(1);
    expect(spanIoU({ start: 0, end: 10 }, { start: 5, end: 15 })).toBeCloseTo(5 / 15);
    expect(spanIoU({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(0);
    expect(spanIoU({ start: 0, end: 10 }, { start: 0, end: 20 })).toBe(0.5);
  });
});

describe("scoring candidates against expected pledges", () => {
  it("gives 1.0 everywhere for exact candidates with the labelled values", () => {
    const candidates = [
      cand(FTA.quote, { targetDate: "2025-12-31", targetPrecision: "year" }),
      cand(MISSION.quote, { parties: ["KR"], targetDate: "2025-03-31", targetPrecision: "month" }),
      cand(RESEARCH.quote, { strength: "exploratory", theme: "education" }),
      cand(FORUM.quote, { parties: ["MY"], theme: "investment" }),
      cand(WELCOMED, { kind: "position", strength: null }),
    ];
    const score = scoreFile(TEXT, EXPECTED, candidates);
    expect(figures(score.tally)).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
      strengthAccuracy: 1,
      deadlineAccuracy: 1,
      themeAccuracy: 1,
      partyAccuracy: 1,
      offsetsVerified: 1,
    });
  });

  it("counts a whole two-pledge sentence as one match, the other pledge missed; a position taken for a pledge as a false positive", () => {
    const both = "Korea will send a trade mission in March and the two sides will explore joint research.";
    const candidates = [
      cand(FTA.quote, { targetDate: "2025-12-31", targetPrecision: "month" }), // wrong precision
      cand(both, { parties: ["KR"], targetDate: "2025-03-31", targetPrecision: "month" }), // IoU 40/87 with MISSION: no match
      cand(WELCOMED, { strength: "binding" }), // a position proposed as a pledge
    ];
    const score = scoreFile(TEXT, EXPECTED, candidates, [
      { start: TEXT.indexOf(WELCOMED), end: TEXT.indexOf(WELCOMED) + WELCOMED.length },
    ]);
    // The sentence overlaps RESEARCH by 42/87 and MISSION by 40/87: below 0.5, so it matches neither.
    expect(score.tally).toMatchObject({ truePositives: 1, falsePositives: 2, misses: 3, positionsTakenForPledges: 1 });
    const f = figures(score.tally);
    expect(f.precision).toBeCloseTo(1 / 3);
    expect(f.recall).toBe(0.25);
    expect(f.f1).toBeCloseTo(2 / 7); // 2·1 / (2·1 + 2 + 3)
    expect(f.deadlineAccuracy).toBe(0);
    expect(f.strengthAccuracy).toBe(1);
  });

  it("matches a candidate up to twice the expected quote, not beyond", () => {
    const withPrefix = "2. Korea will send a trade mission in March"; // IoU 40/43
    expect(scoreFile(TEXT, [MISSION], [cand(withPrefix)]).tally.truePositives).toBe(1);
    const tooLong =
      "Korea will send a trade mission in March and the two sides will explore joint research. 3. The Leaders";
    expect(scoreFile(TEXT, [MISSION], [cand(tooLong)]).tally).toMatchObject({
      truePositives: 0,
      falsePositives: 1,
      misses: 1,
    });
  });

  it("pairs one-to-one, greedy by overlap: a duplicate candidate is a false positive", () => {
    const exact = cand(FORUM.quote, { parties: ["MY"], theme: "investment" });
    const shorter = cand("Malaysia will host the forum", { theme: "trade" });
    const score = scoreFile(TEXT, [FORUM], [shorter, exact]);
    expect(score.tally).toMatchObject({ truePositives: 1, falsePositives: 1, misses: 0 });
    // The exact candidate wins the pairing, so its theme is the one scored.
    expect(score.matched[0]!.candidate).toBe(exact);
    expect(figures(score.tally).themeAccuracy).toBe(1);
  });

  it("counts an optional pledge neither way", () => {
    const optional = { ...FORUM, optional: true };
    const proposed = scoreFile(TEXT, [FTA, optional], [cand(FTA.quote), cand(FORUM.quote)]).tally;
    expect(proposed).toMatchObject({ expected: 1, optional: 1, truePositives: 1, falsePositives: 0, misses: 0 });
    const absent = scoreFile(TEXT, [FTA, optional], [cand(FTA.quote)]).tally;
    expect(absent).toMatchObject({ truePositives: 1, falsePositives: 0, misses: 0 });
  });

  it("ignores position candidates for matching, but checks every candidate's offsets", () => {
    const shifted = { ...cand(FTA.quote), start: FTA.start + 1, end: FTA.end + 1 };
    const score = scoreFile(TEXT, [FTA], [shifted, cand(FORUM.quote, { kind: "position" })]);
    expect(score.tally).toMatchObject({ candidates: 2, pledgeCandidates: 1, offsetsRight: 1, truePositives: 1 });
    expect(figures(score.tally).offsetsVerified).toBe(0.5);
    expect(score.badOffsets).toEqual([shifted]);
  });

  it("has recall 0 and F1 0, precision undefined, when nothing is proposed", () => {
    const f = figures(scoreFile(TEXT, EXPECTED, []).tally);
    expect(f).toMatchObject({ precision: null, recall: 0, f1: 0, strengthAccuracy: null, offsetsVerified: null });
  });

  it("adds files up pledge by pledge (micro-average)", () => {
    const a = scoreFile(TEXT, [FTA], [cand(FTA.quote)]).tally; // 1 TP
    const b = scoreFile(TEXT, [MISSION, RESEARCH, FORUM], [cand(WELCOMED)]).tally; // 1 FP, 3 misses
    const f = figures(addTallies([a, b]));
    expect(f.precision).toBe(0.5);
    expect(f.recall).toBe(0.25);
  });
});
