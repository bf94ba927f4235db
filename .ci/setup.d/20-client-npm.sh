#!/usr/bin/env bash
# npm packages of the foreign-client tests (src/test/clients): Node's `ws`.
set -euo pipefail
cd "$(dirname "$0")/../../src/test/clients"
if [ ! -d node_modules/ws ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
