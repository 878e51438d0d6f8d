/**
 * Scoring of extracted candidates against the labelled evaluation set (issue 10, "Quality, measured").
 * Pure: no files, no extractor; `scripts/eval-import.ts` feeds it.
 *
 * Matching rule (documented in tests/fixtures/import/README.md):
 * - only candidates of kind "pledge" take part;
 * - a candidate and an expected pledge can match when their character spans overlap with an
 *   intersection-over-union of at least 0.5 (`MATCH_IOU`). For a candidate that contains the
 *   expected quote, that is the same as "no longer than twice the quote"; for one inside the quote,
 *   "at least half of it";
 * - one-to-one, greedy by overlap: pairs are taken by IoU from the highest (ties: the earlier
 *   expected pledge, then the earlier candidate), skipping any whose candidate or pledge is taken;
 * - a matched required pledge is a true positive; an unmatched required pledge a miss; an unmatched
 *   pledge candidate a false positive. A pledge labelled `optional` counts neither way: matching it
 *   is not a true positive, and the candidate that matched it is not a false positive.
 * - strength, deadline (target date and precision both equal), theme and party (same set of codes)
 *   accuracy are over the true positives.
 * - "offsets verified" is over every candidate, pledges and positions: `quote === text.slice(start, end)`.
 */
import type { Candidate } from "./types";

/** The least IoU at which a candidate can match an expected pledge. */
export const MATCH_IOU = 0.5;

/** What scoring needs of an expected pledge: its span and the labelled values. */
export interface ExpectedSpan {
  start: number;
  end: number;
  quote: string;
  optional?: boolean;
  strength: string;
  theme: string;
  parties: string[];
  targetDate: string | null;
  targetPrecision: string | null;
}

/** A matched pair and what agreed. */
export interface MatchedPair {
  expected: ExpectedSpan;
  candidate: Candidate;
  iou: number;
  strength: boolean;
  deadline: boolean;
  theme: boolean;
  parties: boolean;
}

/** Raw counts of one file or of several; ratios are derived with `figures`. */
export interface Tally {
  expected: number;
  optional: number;
  candidates: number;
  pledgeCandidates: number;
  truePositives: number;
  falsePositives: number;
  misses: number;
  strengthRight: number;
  deadlineRight: number;
  themeRight: number;
  partiesRight: number;
  offsetsRight: number;
  /** False positives that overlap a labelled position (IoU ≥ MATCH_IOU): a position taken for a pledge. */
  positionsTakenForPledges: number;
}

/** The result for one file: counts and the pairs, misses and false positives behind them. */
export interface FileScore {
  tally: Tally;
  matched: MatchedPair[];
  missed: ExpectedSpan[];
  falsePositives: Candidate[];
  badOffsets: Candidate[];
}

/** Ratios for a tally; null where the denominator is 0. */
export interface Figures {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  strengthAccuracy: number | null;
  deadlineAccuracy: number | null;
  themeAccuracy: number | null;
  partyAccuracy: number | null;
  offsetsVerified: number | null;
}

/** Intersection over union of two half-open character spans; 0 when they do not overlap. */
export function spanIoU(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return 0;
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Scores `candidates` extracted from `text` against the expected pledges (and labelled positions,
 * used only to count positions taken for pledges).
 */
export function scoreFile(
  text: string,
  expected: readonly ExpectedSpan[],
  candidates: readonly Candidate[],
  positions: readonly { start: number; end: number }[] = [],
): FileScore {
  const pledgeCands = candidates.filter((c) => c.kind === "pledge");
  const pairs: { e: number; c: number; iou: number }[] = [];
  expected.forEach((exp, e) => {
    pledgeCands.forEach((cand, c) => {
      const iou = spanIoU(exp, cand);
      if (iou >= MATCH_IOU) pairs.push({ e, c, iou });
    });
  });
  pairs.sort((p, q) => q.iou - p.iou || p.e - q.e || p.c - q.c);
  const takenE = new Set<number>();
  const takenC = new Set<number>();
  const matched: MatchedPair[] = [];
  for (const { e, c, iou } of pairs) {
    if (takenE.has(e) || takenC.has(c)) continue;
    takenE.add(e);
    takenC.add(c);
    const exp = expected[e]!;
    const cand = pledgeCands[c]!;
    if (exp.optional) continue;
    matched.push({
      expected: exp,
      candidate: cand,
      iou,
      strength: cand.strength === exp.strength,
      deadline: cand.targetDate === exp.targetDate && cand.targetPrecision === exp.targetPrecision,
      theme: cand.theme === exp.theme,
      parties: sameSet(cand.parties, exp.parties),
    });
  }
  matched.sort((a, b) => a.expected.start - b.expected.start);
  const missed = expected.filter((exp, e) => !exp.optional && !takenE.has(e));
  const falsePositives = pledgeCands.filter((_, c) => !takenC.has(c));
  const badOffsets = candidates.filter(
    (c) =>
      !Number.isInteger(c.start) ||
      !Number.isInteger(c.end) ||
      c.start < 0 ||
      c.end < c.start ||
      c.end > text.length ||
      text.slice(c.start, c.end) !== c.quote,
  );
  const count = (key: "strength" | "deadline" | "theme" | "parties") => matched.filter((m) => m[key]).length;
  return {
    tally: {
      expected: expected.filter((e) => !e.optional).length,
      optional: expected.filter((e) => e.optional).length,
      candidates: candidates.length,
      pledgeCandidates: pledgeCands.length,
      truePositives: matched.length,
      falsePositives: falsePositives.length,
      misses: missed.length,
      strengthRight: count("strength"),
      deadlineRight: count("deadline"),
      themeRight: count("theme"),
      partiesRight: count("parties"),
      offsetsRight: candidates.length - badOffsets.length,
      positionsTakenForPledges: falsePositives.filter((fp) => positions.some((p) => spanIoU(p, fp) >= MATCH_IOU))
        .length,
    },
    matched,
    missed,
    falsePositives,
    badOffsets,
  };
}

/** The sum of several tallies (micro-average: the overall figures weigh each pledge alike). */
export function addTallies(tallies: readonly Tally[]): Tally {
  const sum: Tally = {
    expected: 0,
    optional: 0,
    candidates: 0,
    pledgeCandidates: 0,
    truePositives: 0,
    falsePositives: 0,
    misses: 0,
    strengthRight: 0,
    deadlineRight: 0,
    themeRight: 0,
    partiesRight: 0,
    offsetsRight: 0,
    positionsTakenForPledges: 0,
  };
  for (const t of tallies) for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
  return sum;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Precision, recall, F1 and the accuracies of a tally. */
export function figures(t: Tally): Figures {
  const precision = ratio(t.truePositives, t.truePositives + t.falsePositives);
  const recall = ratio(t.truePositives, t.truePositives + t.misses);
  // 2TP / (2TP + FP + FN): the harmonic mean of precision and recall, and 0 (not undefined) when
  // nothing was proposed while pledges were expected.
  const f1 = ratio(2 * t.truePositives, 2 * t.truePositives + t.falsePositives + t.misses);
  return {
    precision,
    recall,
    f1,
    strengthAccuracy: ratio(t.strengthRight, t.truePositives),
    deadlineAccuracy: ratio(t.deadlineRight, t.truePositives),
    themeAccuracy: ratio(t.themeRight, t.truePositives),
    partyAccuracy: ratio(t.partiesRight, t.truePositives),
    offsetsVerified: ratio(t.offsetsRight, t.candidates),
  };
}

/** Issue 10's targets on the set (a missing one means no target was set). */
export const TARGETS = {
  recall: 0.95,
  precision: 0.9,
  strengthAccuracy: 0.9,
  deadlineAccuracy: 1,
  offsetsVerified: 1,
} as const;

/** Published anchors of F1 on comparable tasks, as issue 10 cites them. */
export const ANCHORS = {
  keywordRulesF1: [0.45, 0.51],
  fineTunedClassifiersF1: 0.77,
} as const;
