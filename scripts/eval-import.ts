/**
 * `npm run eval:import [-- --json] [-- --verbose]`: runs the importer's extraction
 * (`extractCandidates` of lib/import/candidates.ts) on every text of tests/fixtures/import/ and
 * scores its pledge candidates against the labels there (matching rule and figures:
 * lib/import/evaluate.ts and tests/fixtures/import/README.md).
 *
 * Prints per file and overall: pledge precision, recall, F1, strength, deadline, theme and party
 * accuracy, offsets verified, with issue 10's targets and the published anchors beside them.
 * `--json` prints the same figures as one JSON object; `--verbose` adds every miss and false
 * positive with its quote. An extraction that throws on one file is reported for that file (its
 * pledges count as missed) and the run goes on.
 *
 * Exit code: 0 whenever it ran (the figures are the result, whatever they are); 1 when it could not
 * run (no extractor yet, a label file that does not parse or fit its text, a bad argument).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  addTallies,
  ANCHORS,
  type ExpectedSpan,
  type FileScore,
  figures,
  type Figures,
  MATCH_IOU,
  scoreFile,
  TARGETS,
  type Tally,
} from "../lib/import/evaluate";
import { type LabelFile, locateLabels, resolutionDate, ZLabelFile } from "../lib/import/fixture-labels";
import type { Candidate, ExtractOptions } from "../lib/import/types";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(ROOT, "tests/fixtures/import");
/** The extractor; `EVAL_IMPORT_EXTRACTOR` (a path) replaces it, for the script's own test. */
const EXTRACTOR = process.env.EVAL_IMPORT_EXTRACTOR
  ? path.resolve(process.env.EVAL_IMPORT_EXTRACTOR)
  : path.join(ROOT, "lib/import/candidates.ts");

type Extract = (text: string, options: ExtractOptions) => Candidate[] | Promise<Candidate[]>;

interface FileResult {
  file: string;
  score: FileScore | null;
  tally: Tally;
  figures: Figures;
  error: string | null;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function loadExtractor(): Promise<Extract> {
  if (!existsSync(EXTRACTOR)) fail(`${path.relative(ROOT, EXTRACTOR)} is not there yet`);
  // A path built at run time, so the type checker does not look for a module that may not exist.
  const mod = (await import(pathToFileURL(EXTRACTOR).href)) as { extractCandidates?: unknown };
  if (typeof mod.extractCandidates !== "function")
    fail(`${path.relative(ROOT, EXTRACTOR)} does not export extractCandidates`);
  return mod.extractCandidates as Extract;
}

function loadFixture(name: string): { text: string; labels: LabelFile } {
  const text = readFileSync(path.join(FIXTURES, `${name}.txt`), "utf8");
  const labelPath = path.join(FIXTURES, `${name}.expected.json`);
  if (!existsSync(labelPath)) fail(`${name}.txt has no ${name}.expected.json`);
  const parsed = ZLabelFile.safeParse(JSON.parse(readFileSync(labelPath, "utf8")));
  if (!parsed.success)
    fail(`${name}.expected.json: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  return { text, labels: parsed.data };
}

async function evaluate(name: string, extract: Extract): Promise<FileResult> {
  const { text, labels } = loadFixture(name);
  let located: ReturnType<typeof locateLabels>;
  try {
    located = locateLabels(text, labels);
  } catch (err) {
    fail(`${name}.expected.json: ${(err as Error).message}`);
  }
  const expected: ExpectedSpan[] = located.pledges.map(({ label, start, end }) => ({ ...label, start, end }));
  const options: ExtractOptions = { documentDate: resolutionDate(labels), parties: labels.document.parties };
  try {
    const candidates = await extract(text, options);
    if (!Array.isArray(candidates)) throw new Error("extractCandidates did not return an array");
    const score = scoreFile(text, expected, candidates, located.positions);
    return { file: name, score, tally: score.tally, figures: figures(score.tally), error: null };
  } catch (err) {
    // Nothing extracted: every required pledge is missed, nothing proposed.
    const tally = scoreFile(text, expected, []).tally;
    return { file: name, score: null, tally, figures: figures(tally), error: (err as Error).message ?? String(err) };
  }
}

const fmt = (v: number | null, percent = false) =>
  v === null ? "—" : percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(2);

function printTable(results: FileResult[], overall: Figures, total: Tally): void {
  const head = [
    "file",
    "exp",
    "cand",
    "TP",
    "FP",
    "FN",
    "prec",
    "recall",
    "F1",
    "strength",
    "deadline",
    "theme",
    "party",
    "offsets",
  ];
  const row = (name: string, t: Tally, f: Figures) => [
    name,
    String(t.expected),
    String(t.pledgeCandidates),
    String(t.truePositives),
    String(t.falsePositives),
    String(t.misses),
    fmt(f.precision),
    fmt(f.recall),
    fmt(f.f1),
    fmt(f.strengthAccuracy),
    fmt(f.deadlineAccuracy),
    fmt(f.themeAccuracy),
    fmt(f.partyAccuracy),
    fmt(f.offsetsVerified, true),
  ];
  const rows = [head, ...results.map((r) => row(r.file, r.tally, r.figures)), row("overall", total, overall)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  for (const r of rows.slice(1, -1)) console.log(line(r));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  console.log(line(rows.at(-1)!));
  for (const r of results) if (r.error) console.log(`error in ${r.file}: ${r.error}`);

  const mark = (v: number | null, target: number) => (v === null ? "" : v >= target ? "  met" : "  below");
  console.log("");
  console.log(
    `Overall: ${results.length} files, ${total.expected} expected pledges (${total.optional} optional, not counted), ` +
      `${total.pledgeCandidates} pledge candidates of ${total.candidates} candidates`,
  );
  console.log(
    `  pledge recall      ${fmt(overall.recall).padStart(6)}   target ≥ ${TARGETS.recall.toFixed(2)}${mark(overall.recall, TARGETS.recall)}`,
  );
  console.log(
    `  pledge precision   ${fmt(overall.precision).padStart(6)}   target ≥ ${TARGETS.precision.toFixed(2)}${mark(overall.precision, TARGETS.precision)}`,
  );
  console.log(
    `  pledge F1          ${fmt(overall.f1).padStart(6)}   published anchors: keyword rules ${ANCHORS.keywordRulesF1[0]}–${ANCHORS.keywordRulesF1[1]}, fine-tuned classifiers ≈ ${ANCHORS.fineTunedClassifiersF1}`,
  );
  console.log(
    `  strength accuracy  ${fmt(overall.strengthAccuracy).padStart(6)}   target ≥ ${TARGETS.strengthAccuracy.toFixed(2)}${mark(overall.strengthAccuracy, TARGETS.strengthAccuracy)}`,
  );
  console.log(
    `  deadline accuracy  ${fmt(overall.deadlineAccuracy).padStart(6)}   target ${TARGETS.deadlineAccuracy.toFixed(2)}${mark(overall.deadlineAccuracy, TARGETS.deadlineAccuracy)}`,
  );
  console.log(`  theme accuracy     ${fmt(overall.themeAccuracy).padStart(6)}   (no target)`);
  console.log(`  party accuracy     ${fmt(overall.partyAccuracy).padStart(6)}   (no target)`);
  console.log(
    `  offsets verified   ${fmt(overall.offsetsVerified, true).padStart(6)}   target 100%${mark(overall.offsetsVerified, TARGETS.offsetsVerified)}`,
  );
  console.log(`  positions taken for pledges: ${total.positionsTakenForPledges} (of the false positives)`);
  console.log(
    `Matching: pledge candidates to expected pledges one-to-one, greedy by character-span IoU ≥ ${MATCH_IOU}; accuracies over matched pledges.`,
  );
}

function printDetails(results: FileResult[]): void {
  for (const r of results) {
    if (!r.score) continue;
    const { matched, missed, falsePositives, badOffsets } = r.score;
    const wrong = matched.filter((m) => !m.strength || !m.deadline || !m.theme || !m.parties);
    if (!missed.length && !falsePositives.length && !wrong.length && !badOffsets.length) continue;
    console.log(`\n== ${r.file}`);
    for (const m of missed) console.log(`  MISSED [${m.start}-${m.end}] ${JSON.stringify(m.quote)}`);
    for (const c of falsePositives)
      console.log(`  FALSE POSITIVE [${c.start}-${c.end}] ${JSON.stringify(c.quote)} (rules ${c.rules.join(",")})`);
    for (const m of wrong) {
      const diffs = [
        !m.strength && `strength ${m.candidate.strength} ≠ ${m.expected.strength}`,
        !m.deadline &&
          `deadline ${m.candidate.targetDate}/${m.candidate.targetPrecision} ≠ ${m.expected.targetDate}/${m.expected.targetPrecision}`,
        !m.theme && `theme ${m.candidate.theme} ≠ ${m.expected.theme}`,
        !m.parties && `parties ${m.candidate.parties.join(",")} ≠ ${m.expected.parties.join(",")}`,
      ].filter(Boolean);
      console.log(`  WRONG ${diffs.join("; ")}: ${JSON.stringify(m.expected.quote)}`);
    }
    for (const c of badOffsets) console.log(`  BAD OFFSETS [${c.start}-${c.end}] ${JSON.stringify(c.quote)}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--json" && a !== "--verbose");
  if (unknown.length) fail(`unknown argument ${unknown[0]} (use --json, --verbose)`);
  const json = args.includes("--json");
  const verbose = args.includes("--verbose");

  const extract = await loadExtractor();
  const names = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -".txt".length))
    .sort();
  if (!names.length) fail(`no fixtures in ${path.relative(ROOT, FIXTURES)}`);

  const results: FileResult[] = [];
  for (const name of names) results.push(await evaluate(name, extract));
  const total = addTallies(results.map((r) => r.tally));
  const overall = figures(total);

  if (json) {
    const details = (r: FileResult) =>
      verbose && r.score
        ? {
            missed: r.score.missed.map((m) => ({ quote: m.quote, start: m.start, end: m.end })),
            falsePositives: r.score.falsePositives.map((c) => ({
              quote: c.quote,
              start: c.start,
              end: c.end,
              rules: c.rules,
            })),
          }
        : {};
    console.log(
      JSON.stringify(
        {
          files: results.map((r) => ({ file: r.file, ...r.tally, ...r.figures, error: r.error, ...details(r) })),
          overall: { ...total, ...overall },
          targets: TARGETS,
          anchors: ANCHORS,
          matchIoU: MATCH_IOU,
        },
        null,
        2,
      ),
    );
    return;
  }
  printTable(results, overall, total);
  if (verbose) printDetails(results);
}

main().catch((err: unknown) => fail(`eval:import could not run: ${(err as Error).message ?? String(err)}`));
