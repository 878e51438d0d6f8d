/**
 * `npm run eval:import` end to end (scripts/eval-import.ts), with the extractor replaced through
 * EVAL_IMPORT_EXTRACTOR: an oracle that answers with the labels scores 1.0 everywhere and exits 0;
 * an extractor that is not there exits 1 with a one-line message.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

const ROOT = path.join(__dirname, "../..");

function run(extractor: string, ...args: string[]) {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  return spawnSync(tsx, ["scripts/eval-import.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, EVAL_IMPORT_EXTRACTOR: extractor },
    timeout: 60_000,
  });
}

describe("npm run eval:import", () => {
  it("scores an extractor that returns the labels at 1.0 on every figure, per file and overall", () => {
    const res = run("tests/support/oracle-extractor.ts", "--json");
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as {
      files: { file: string; error: string | null; falsePositives: number; misses: number }[];
      overall: Record<string, number>;
    };
    expect(out.files.length).toBeGreaterThanOrEqual(8);
    for (const f of out.files) expect(f, f.file).toMatchObject({ error: null, falsePositives: 0, misses: 0 });
    expect(out.overall).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      strengthAccuracy: 1,
      deadlineAccuracy: 1,
      themeAccuracy: 1,
      partyAccuracy: 1,
      offsetsVerified: 1,
    });
    expect(out.overall.expected).toBeGreaterThanOrEqual(70);
  });

  it("prints the table with the targets and anchors beside the figures", () => {
    const res = run("tests/support/oracle-extractor.ts");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/pledge recall\s+1\.00\s+target ≥ 0\.95\s+met/);
    expect(res.stdout).toMatch(/keyword rules 0\.45–0\.51, fine-tuned classifiers ≈ 0\.77/);
    expect(res.stdout).toMatch(/offsets verified\s+100\.0%\s+target 100%\s+met/);
  });

  it("exits 1 with one line when the extractor is not there", () => {
    const res = run("lib/import/no-such-extractor.ts");
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe("lib/import/no-such-extractor.ts is not there yet");
  });

  it("exits 1 on an unknown argument", () => {
    const res = run("tests/support/oracle-extractor.ts", "--bogus");
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe("unknown argument --bogus (use --json, --verbose)");
  });
});
