#!/usr/bin/env bash
# Installs the given apt packages unless all of them are installed already.
# Usage: .ci/install-packages.sh PACKAGE...
set -euo pipefail

# Never stop at a debconf question; never let needrestart ask or restart services.
export DEBIAN_FRONTEND=noninteractive
export NEEDRESTART_SUSPEND=1

missing=()
for pkg in "$@"; do
  # `dpkg -s` also succeeds for removed packages whose config files remain, so look at
  # the status field itself.
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "already installed: $*"
  exit 0
fi
echo "missing: ${missing[*]}"

# Wait for a dpkg lock held by another apt run instead of failing at once, and retry
# slow or flaky downloads.
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

# A failing extra source (e.g. a third-party repository that is unreachable) makes
# `apt-get update` exit non-zero although the Debian lists were refreshed; the install
# below still fails loudly if a package really cannot be found.
if ! apt-get "${apt_opts[@]}" update; then
  echo "warning: apt-get update reported errors; trying the install anyway" >&2
fi
apt-get "${apt_opts[@]}" install -y "${missing[@]}"
