#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit tests (vitest) and end-to-end tests (Playwright in a real
# Chromium against `next build` + `next start` on a throwaway database), then one closing line
# "N passed, N failed" totalling both suites. Exits non-zero when anything fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
REPORTS=.test-results
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0

checks_failed=""
echo "== lint"; npm run --silent lint || { status=1; checks_failed="$checks_failed lint"; }
echo "== typecheck"; npm run --silent typecheck || { status=1; checks_failed="$checks_failed typecheck"; }

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json" || status=1

echo "== browser for the end-to-end tests"
if CHROMIUM_PATH_FOUND=$(bash scripts/ensure-chromium.sh); then
  if [ -n "$CHROMIUM_PATH_FOUND" ]; then export CHROMIUM_PATH="$CHROMIUM_PATH_FOUND"; fi
  echo "Chromium: ${CHROMIUM_PATH:-the one Playwright downloaded}"
  echo "== end-to-end tests"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" npx playwright test || status=1
else
  status=1
fi

echo "== summary"
if [ -n "$checks_failed" ]; then echo "(failed checks:$checks_failed)"; fi
node scripts/test-summary.mjs "$REPORTS/unit.json" "$REPORTS/e2e.json" $checks_failed || status=1
exit $status
