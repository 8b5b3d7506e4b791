#!/usr/bin/env bash
# Debian packages the tests use as oracles and fixtures: gdb (the oracle for native stacks),
# binutils (readelf, addr2line, c++filt), gcc (the C fixtures), libc6-dbg (libc's debug info,
# so gdb and Salvage both name libc's frames) and openssh (a local sshd: ssh:// Docker hosts).
# Idempotent: installs only what is missing.
# (Docker's engine and Chromium come with scripts/docker-sandbox.sh and scripts/setup-code-server.sh.)
set -euo pipefail
need=()
for p in gdb binutils gcc libc6-dbg openssh-server openssh-client; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing test dependencies: ${need[*]}"
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
