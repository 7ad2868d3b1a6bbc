#!/usr/bin/env bash
# Installs a real VS Code (code-server, the 1.96 workbench served by node) plus playwright-core into
# .cache/code-server/, so test/vscode/run-tests.mjs can run the suites inside a real extension host
# on machines that cannot download desktop VS Code. Idempotent: each step is skipped once done.
# See shared/recipes/real-vscode.md for why each step is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

CODE_SERVER_VERSION=4.96.4      # 4.96.x runs on node 20; newer ones want node 24
PLAYWRIGHT_CORE_VERSION=1.65.1
CACHE="$PWD/.cache/code-server"
VSCODE="$CACHE/node_modules/code-server/lib/vscode"
DONE="$CACHE/.installed-$CODE_SERVER_VERSION-$PLAYWRIGHT_CORE_VERSION"

if [ -f "$DONE" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $CACHE"
  exit 0
fi

DEBIAN_PACKAGES=(chromium ripgrep libkrb5-dev pkg-config)   # kerberos' native module needs the gssapi headers
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || npm init -y >/dev/null
npm_install() { npm install --no-audit --no-fund --save-exact --ignore-scripts "$@"; }

if [ ! -f node_modules/code-server/package.json ] ||
   [ "$(node -p "require('./node_modules/code-server/package.json').version")" != "$CODE_SERVER_VERSION" ]; then
  npm_install "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
  npm rebuild argon2
fi
[ -d node_modules/playwright-core ] || npm_install "playwright-core@$PLAYWRIGHT_CORE_VERSION"

cd "$VSCODE"
if [ ! -f .deps-installed ]; then
  # One dependency is pinned to a git URL on a host we cannot reach; the same version is on the npm
  # registry with the identical integrity hash, so point the shrinkwrap at the registry tarball.
  TARBALL=$(npm view @vscode/proxy-agent@0.27.0 dist.tarball)
  sed -i "s#git+ssh://[^\"]*vscode-proxy-agent.git\#[0-9a-f]*#$TARBALL#" npm-shrinkwrap.json
  npm install --no-audit --no-fund --omit=dev --ignore-scripts
  npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog
  touch .deps-installed
fi
# @vscode/ripgrep's postinstall would download a binary; use Debian's.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin && ln -sf code-linux.sh remote-cli/code-server && ln -sf browser-linux.sh helpers/browser.sh)
if [ ! -f extensions/.deps-installed ]; then
  (cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts && touch .deps-installed)
fi

"$CACHE/node_modules/.bin/code-server" --version
touch "$DONE"
