#!/usr/bin/env bash
# The browser test's npm packages (src/test/browser): playwright-core only, which drives Debian's chromium
# (.ci/apt-packages) and never downloads a browser. Idempotent: installs only when the locked version is missing.
set -euo pipefail
cd "$(dirname "$0")/../../src/test/browser"

if ! command -v npm >/dev/null 2>&1; then
  # Debian's nodejs comes without npm; a nodejs that bundles npm (as on the CI image) needs nothing here.
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq npm >/dev/null
fi

want=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
have=$(node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$want" = "$have" ]; then
  echo "playwright-core $have already installed"
  exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version") installed"
