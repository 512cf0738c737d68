#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (as root, with apt-get),
# or says exactly what to install and fails. `npm test` runs this first, so the README's one
# test command works on a fresh machine.
set -euo pipefail

# command -> Debian package
declare -A NEEDED=(
  [bwrap]=bubblewrap
  [chromium]=chromium
  [redis-server]=redis-server
  [socat]=socat   # Claude Code's own sandbox (the claude-code agent's Bash) needs it beside bwrap
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEEDED[$cmd]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages the tests need: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need these system packages: ${missing[*]}" >&2
echo "Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and run npm test again." >&2
exit 1
