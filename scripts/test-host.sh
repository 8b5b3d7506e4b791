#!/usr/bin/env bash
# Browser-side tests: installs code-server + Debian Chromium once (cached in .vscode-test/, ignored
# by git), then runs the webview tests in headless Chromium and the extension-host suite in a real
# VS Code. Expects `npm run build` and
# `npm run compile-tests` to have run. Screenshots the tests ask for are kept in test-artifacts/
# (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
CS_VERSION="${CS_VERSION:-4.139.1}" DEST="$PWD/.vscode-test/code-server" bash scripts/setup-code-server.sh
mkdir -p test-artifacts
npx mocha --ui tdd --timeout 60000 'out/test/webview/**/*.test.js'
VSCODE_TEST_SCREENSHOT_DIR="${VSCODE_TEST_SCREENSHOT_DIR:-$PWD/test-artifacts}" node out/test/host/runTest.js
