#!/usr/bin/env bash
# Extension-host tests in a real VS Code: installs code-server + Debian Chromium once (cached in
# .vscode-test/, ignored by git), then runs the compiled host suite. Expects `npm run build` and
# `npm run compile-tests` to have run. Screenshots the tests ask for are kept in test-artifacts/
# (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
CS_VERSION="${CS_VERSION:-4.139.1}" DEST="$PWD/.vscode-test/code-server" bash scripts/setup-code-server.sh
mkdir -p test-artifacts
VSCODE_TEST_SCREENSHOT_DIR="${VSCODE_TEST_SCREENSHOT_DIR:-$PWD/test-artifacts}" node out/test/host/runTest.js
