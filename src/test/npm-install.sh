#!/usr/bin/env bash
# The npm packages of the tests that drive Node clients (src/test/clients: ws) and Chromium (src/test/browser:
# playwright-core, which drives the system's chromium and never downloads a browser). Run by the build
# (process-test-resources) so that `mvn verify` on a fresh clone runs those tests too. Idempotent and quick when
# the locked versions are installed already. Without npm the tests say so and are skipped (a failure under CI).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "[npm] node/npm not found: the browser and Node-client tests will be skipped (and fail under CI=true)"
  exit 0
fi

# Every package the lock file names is installed at its locked version.
installed() {
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [path, meta] of Object.entries(lock.packages || {})) {
      if (!path.startsWith("node_modules/") || meta.optional) continue;
      let have;
      try { have = JSON.parse(fs.readFileSync(path + "/package.json", "utf8")).version; } catch (e) { process.exit(1); }
      if (have !== meta.version) process.exit(1);
    }'
}

for dir in clients browser; do
  if (cd "$dir" && installed); then
    echo "[npm] src/test/$dir: locked packages installed"
    continue
  fi
  echo "[npm] src/test/$dir: npm ci"
  if ! (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error); then
    if [ -n "${CI:-}" ]; then
      echo "[npm] src/test/$dir: npm ci failed" >&2
      exit 1
    fi
    echo "[npm] src/test/$dir: npm ci failed; its tests will be skipped"
  fi
done
