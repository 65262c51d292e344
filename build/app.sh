#!/usr/bin/env bash
# Installs and starts the app: Electron where its binary exists, otherwise the local host in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/setup.sh
npm start
