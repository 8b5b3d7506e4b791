#!/usr/bin/env bash
# Extension-host tests in a real VS Code: installs code-server + Debian Chromium once (cached in
# .vscode-test/, ignored by git), then runs the compiled host suite. Expects `npm run build` and
# `npm run compile-tests` to have run. A screenshot of the workbench at the end is kept in
# test-artifacts/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
CS_VERSION="${CS_VERSION:-4.139.1}" DEST="$PWD/.vscode-test/code-server" bash scripts/setup-code-server.sh
mkdir -p test-artifacts
VSCODE_TEST_SCREENSHOT="${VSCODE_TEST_SCREENSHOT:-$PWD/test-artifacts/host-session.png}" node out/test/host/runTest.js
