#!/usr/bin/env bash
# One-time setup of a Debian machine for ccwf development: system packages the jobs and tests
# use (bash, Python, Jupyter for notebook jobs), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(python3 jupyter-nbconvert python3-nbclient python3-ipykernel make procps time openssh-server)
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

npm ci --no-audit --no-fund

# The real VS Code (code-server) and headless Chromium for the suites that run inside VS Code.
bash test/vscode/install.sh
