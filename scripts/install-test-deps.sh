#!/usr/bin/env bash
# Debian packages the tests use as oracles and fixtures: gdb (the oracle for native stacks),
# binutils (readelf, addr2line, c++filt), gcc (the C fixtures), libc6-dbg (libc's debug info,
# so gdb and Salvage both name libc's frames), openssh (a local sshd: ssh:// Docker hosts), the
# zstd, lz4 and xz tools (compressed cores made by the real compressors), and systemd-coredump
# with attr's getfattr (a real host crash handler and the extended attributes it writes),
# docker-compose (compose projects whose crashes the catalog collects), and Ubuntu's apport (the other one).
# Idempotent: installs only what is missing. systemd-coredump's postinst points the kernel's
# core_pattern at itself at once (and sets core_pipe_limit and suid_dumpable): all three are saved
# before and put back after, so every other test still gets plain `core` files (tests that use the
# handler set the pattern themselves, and restore it).
# (Docker's engine and Chromium come with scripts/docker-sandbox.sh and scripts/setup-code-server.sh.)
set -euo pipefail
# Ubuntu's apport (Debian has none), as Ubuntu 24.04 ships it, from Ubuntu's own archive: the three
# packages of its crash handler, each checked against the SHA-256 of noble-updates' index. Its
# Debian dependencies come from Debian.
APPORT_VERSION=2.28.3-0ubuntu0.1
APPORT_POOL=http://archive.ubuntu.com/ubuntu/pool/main/a/apport
APPORT_DEBS=(
  "python3-problem-report 086f3998727cad0aff452385e9cedc0e9fd84cb61bb29c1bc49bbf61e21abe8f"
  "python3-apport 285a2fe343de172af4ff36992ea6028a63567eaf3535f36063a9ebb5271ce8ff"
  "apport 3fb6842df77c2a60373981d2a00e25c11b3793f4301e115bcb9dd3e3b69e8847"
)
need=()
for p in gdb binutils gcc libc6-dbg openssh-server openssh-client zstd lz4 xz-utils attr systemd-coredump docker-compose; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
dpkg -s apport >/dev/null 2>&1 && need_apport=0 || need_apport=1
if [ ${#need[@]} -gt 0 ] || [ "$need_apport" = 1 ]; then
  echo "installing test dependencies: ${need[*]}$([ "$need_apport" = 1 ] && echo " apport")"
  saved=()
  for f in /proc/sys/kernel/core_pattern /proc/sys/kernel/core_pipe_limit /proc/sys/fs/suid_dumpable; do saved+=("$f" "$(cat "$f")"); done
  restore() { for ((i = 0; i < ${#saved[@]}; i += 2)); do printf '%s\n' "${saved[i + 1]}" > "${saved[i]}"; done; }
  trap restore EXIT
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  if [ "$need_apport" = 1 ]; then
    debs=()
    dir="$(cd "$(dirname "$0")/.." && pwd)/.cache/apport-debs"
    mkdir -p "$dir"
    for entry in "${APPORT_DEBS[@]}"; do
      read -r name sha <<< "$entry"
      deb="$dir/${name}_${APPORT_VERSION}_all.deb"
      if [ ! -f "$deb" ]; then
        curl -fsSL --retry 3 -o "$deb.partial" "$APPORT_POOL/${name}_${APPORT_VERSION}_all.deb"
        mv "$deb.partial" "$deb"
      fi
      echo "$sha  $deb" | sha256sum -c --quiet
      debs+=("$deb")
    done
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
  fi
fi
