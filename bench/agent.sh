#!/usr/bin/env bash
# The sandbox agent as its own JVM (flags as in the sandbox image) through an N-step job against a
# zero-latency scripted model over a real Unix socket: prints peak RSS (goal <= 64 MiB) and the
# per-step overhead of the loop and the socket.
#
# Usage: bench/agent.sh [STEPS] [HEAP_FLAG]    (defaults: 20 -Xmx48m)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
source bench/lib.sh
deps=$(test_deps sandbox-agent test-compile)
classpath="sandbox-agent/target/test-classes:sandbox-agent/target/classes:protocol/target/classes:$deps"
java -cp "$classpath" dev.perstack.agent.AgentBench "${1:-20}" "${2:--Xmx48m}"
