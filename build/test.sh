#!/usr/bin/env bash
# The one test command (README, CI): installs what is missing, then typecheck, lint, unit, build, E2E.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/setup.sh --for-tests
npm run typecheck
npm run lint
npx vitest run
npm run build
npx playwright test
