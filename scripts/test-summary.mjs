// Reads vitest's and Playwright's JSON reports and prints one plain line, "N passed, N failed",
// totalling both suites (CI's result check cannot read either tool's own summary). A suite whose
// report is missing counts as one failure, so a run that executed nothing is never green.
// Each further argument names a check that failed (lint, typecheck) and counts as one failure.
// Usage: node scripts/test-summary.mjs <vitest.json> <playwright.json> [failed-check…]
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const notes = [];

const unit = read(process.argv[2]);
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numTodoTests ?? 0);
  if (unit.numPendingTests) notes.push(`${unit.numPendingTests} unit test(s) skipped`);
} else {
  failed += 1;
  notes.push("no unit test report");
}

const e2e = read(process.argv[3]);
if (e2e) {
  const s = e2e.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  if (s.skipped) notes.push(`${s.skipped} e2e test(s) skipped`);
  if (Array.isArray(e2e.errors) && e2e.errors.length > 0) {
    failed += e2e.errors.length;
    notes.push(`${e2e.errors.length} e2e setup error(s)`);
  }
} else {
  failed += 1;
  notes.push("no e2e test report");
}

for (const check of process.argv.slice(4)) {
  failed += 1;
  notes.push(`${check} failed`);
}

if (notes.length) console.log(`(${notes.join("; ")})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
