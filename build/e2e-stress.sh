#!/usr/bin/env bash
# The flake check: builds once, then runs the E2E suite N times over (2 workers) while a CPU hog keeps one
# more core busy, as a clerk's machine or a shared CI runner would be. Exits non-zero on any failure.
#
#   bash build/e2e-stress.sh [REPEAT] [playwright args…]   e.g.  bash build/e2e-stress.sh 5
#                                                                bash build/e2e-stress.sh 10 test/e2e/performance.spec.ts
#
# The load is one `node` busy-loop (a pure `for(;;)` spin, no I/O) started before the run; it stops on its own
# after LOAD_LIMIT_S seconds (default 3600) and is always killed when this script exits, however it exits.
set -euo pipefail
cd "$(dirname "$0")/.."

repeat="${1:-5}"
shift || true
if ! [[ "$repeat" =~ ^[1-9][0-9]*$ ]]; then
  echo "用法：bash build/e2e-stress.sh [重复次数] [playwright 参数…]" >&2
  exit 2
fi
limit="${LOAD_LIMIT_S:-3600}"

npm run build

node -e "const end = Date.now() + ${limit} * 1000; while (Date.now() < end) { for (let i = 0; i < 1e6; i++); }" &
load_pid=$!
trap 'kill "$load_pid" 2>/dev/null || true' EXIT
echo "[e2e-stress] load: node busy-loop pid ${load_pid} (one core at 100%, at most ${limit}s); $(nproc) cores"

start=$(date +%s)
status=0
npx playwright test --repeat-each="$repeat" --workers=2 "$@" || status=$?
elapsed=$(( $(date +%s) - start ))

kill "$load_pid" 2>/dev/null || true
wait "$load_pid" 2>/dev/null || true
echo "[e2e-stress] repeat-each=${repeat}, workers=2, under load: $( ((status == 0)) && echo passed || echo FAILED ) in ${elapsed}s"
exit "$status"
