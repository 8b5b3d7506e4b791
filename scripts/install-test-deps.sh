#!/usr/bin/env bash
# Debian packages the tests use as oracles and fixtures: gdb (the oracle for native stacks),
# binutils (readelf, addr2line, c++filt), gcc (the C fixtures), libc6-dbg (libc's debug info,
# so gdb and Salvage both name libc's frames), openssh (a local sshd: ssh:// Docker hosts), the
# zstd, lz4 and xz tools (compressed cores made by the real compressors), and systemd-coredump
# with attr's getfattr (a real host crash handler and the extended attributes it writes).
# Idempotent: installs only what is missing. systemd-coredump's postinst points the kernel's
# core_pattern at itself at once (and sets core_pipe_limit and suid_dumpable): all three are saved
# before and put back after, so every other test still gets plain `core` files (tests that use the
# handler set the pattern themselves, and restore it).
# (Docker's engine and Chromium come with scripts/docker-sandbox.sh and scripts/setup-code-server.sh.)
set -euo pipefail
need=()
for p in gdb binutils gcc libc6-dbg openssh-server openssh-client zstd lz4 xz-utils attr systemd-coredump; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing test dependencies: ${need[*]}"
  saved=()
  for f in /proc/sys/kernel/core_pattern /proc/sys/kernel/core_pipe_limit /proc/sys/fs/suid_dumpable; do saved+=("$f" "$(cat "$f")"); done
  restore() { for ((i = 0; i < ${#saved[@]}; i += 2)); do printf '%s\n' "${saved[i + 1]}" > "${saved[i]}"; done; }
  trap restore EXIT
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
