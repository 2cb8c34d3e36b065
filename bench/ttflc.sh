#!/usr/bin/env bash
# Time to first model call, with and without perstack.lock, for an expert with two stdio MCP skills
# (the npm filesystem and everything servers, started with node; local runtime, as the original's
# benchmark ran outside a container; zero-latency scripted model). Rounds alternate the two.
#
# Usage: bench/ttflc.sh [ROUNDS]   (default 7)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
modules="${PERSTACK_TEST_NPM_CACHE:-$HOME/.cache/perstack-test-npm}"
if [ ! -f "$modules/node_modules/@modelcontextprotocol/server-everything/package.json" ] ||
  [ ! -f "$modules/node_modules/@modelcontextprotocol/server-filesystem/package.json" ]; then
  echo "bench: installing the two MCP servers into $modules" >&2
  npm install --no-audit --no-fund --prefix "$modules" \
    @modelcontextprotocol/server-filesystem@2026.8.31 @modelcontextprotocol/server-everything@2026.8.31 >&2
fi
source bench/lib.sh
deps=$(test_deps control-plane test-compile)
classpath="control-plane/target/test-classes:control-plane/target/classes:$deps"
java -Dperstack.agent.classpath="sandbox-agent/target/classes:protocol/target/classes:$deps" \
  -cp "$classpath" dev.perstack.controlplane.orchestration.TimeToFirstModelCallBench \
  "$modules" "${1:-7}" "$(command -v node)"
