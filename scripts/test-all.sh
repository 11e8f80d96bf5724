#!/usr/bin/env bash
# Installs what the tests need, runs every check and test suite, and ends with one line
# "N passed, N failed, N skipped" summed over all of them. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    step "Installing Debian's Chromium for Playwright"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || { echo "Could not install chromium with apt-get"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install -y chromium"
    echo "(or point CHROMIUM_PATH at a Chromium binary), then run this again."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

mkdir -p test-results
passed=0
failed=0
skipped=0
check() { # a named check counts as one test
  local name="$1"; shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failed=$((failed + 1)); fi
}

check "Type check (tsc)" npm run -s typecheck
check "Lint (eslint)" npm run -s lint

step "Unit and integration tests (Vitest)"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json
vitest_status=$?
if [ -f test-results/vitest.json ]; then
  read -r p f s < <(node -e '
    const r = require("./test-results/vitest.json");
    console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), r.numPendingTests + r.numTodoTests);')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$vitest_status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
else
  echo "Vitest wrote no report"; failed=$((failed + 1))
fi

check "Production build" npm run -s build

step "Security and reliability suites over HTTP (Vitest against the built server)"
rm -f test-results/vitest-http.json
npx vitest run --config vitest.http.config.ts --reporter=default --reporter=json --outputFile=test-results/vitest-http.json
http_status=$?
if [ -f test-results/vitest-http.json ]; then
  read -r p f s < <(node -e '
    const r = require("./test-results/vitest-http.json");
    console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), r.numPendingTests + r.numTodoTests);')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$http_status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
else
  echo "Vitest (HTTP suites) wrote no report"; failed=$((failed + 1))
fi

step "End-to-end tests (Playwright in Chromium)"
rm -f test-results/playwright.json
npx playwright test
playwright_status=$?
if [ -f test-results/playwright.json ]; then
  read -r p f s < <(node -e '
    const r = require("./test-results/playwright.json");
    const st = r.stats;
    console.log(st.expected + st.flaky, st.unexpected + (r.errors?.length ?? 0), st.skipped);')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$playwright_status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
else
  echo "Playwright wrote no report"; failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
