#!/usr/bin/env bash
# Installs what BudgetDesk needs on a fresh machine: npm packages (Electron's binary is fetched when the
# machine can reach it, skipped otherwise) and, with --for-tests, Debian's Chromium for the E2E tests and
# LibreOffice, CJK/metric fonts and poppler for the render checks of exported files (test/render).
set -euo pipefail
cd "$(dirname "$0")/.."

need_node_major=20
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt "$need_node_major" ]; then
  echo "需要 Node.js ${need_node_major} 或更高版本（当前：$(node --version 2>/dev/null || echo 未安装)）。" >&2
  exit 1
fi

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "缺少系统软件包：$*。请以 root 身份运行，或执行：sudo apt-get install -y $*" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

if [ "${1:-}" = "--for-tests" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  { fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && fc-list 2>/dev/null | grep -qi "Noto Serif CJK"; } || missing+=(fonts-noto-cjk)
  fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation)
  dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
fi

# Reinstall only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Electron's own postinstall would abort the whole install offline; ours (build/install-electron.mjs)
  # fetches the binary afterwards and tolerates failure. `npm install` rather than `npm ci`: registry
  # mirrors without other platforms' optional packages (rollup's) make `npm ci` refuse the lockfile.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund
fi
