#!/usr/bin/env bash
# A job of N steps through the control plane (orchestrator, session checks, store, fan-out) and a
# real agent process (local runtime) against a zero-latency scripted model: prints the per-step
# overhead and the event storage rate. The store's own write rate on H2 and PostgreSQL is measured
# by the store's benchmark test (DatabaseJobStore*Benchmark*).
#
# Usage: bench/control-plane.sh [STEPS [JOBS]]   (default 50 steps, 3 jobs: one cold, then warm)
# Environment: BENCH_GAPS=1 prints every step's time, BENCH_TRACE=1 every event's; BENCH_JAVA_OPTS
# and BENCH_AGENT_JVM_OPTS add JVM options to the control plane's and the agent's JVM.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
source bench/lib.sh
deps=$(test_deps control-plane test-compile)
classpath="control-plane/target/test-classes:control-plane/target/classes:$deps"
java ${BENCH_JAVA_OPTS:-} -Dperstack.agent.jvmOptions="${BENCH_AGENT_JVM_OPTS:-}" -Dperstack.agent.classpath="sandbox-agent/target/classes:protocol/target/classes:$deps" \
  -cp "$classpath" dev.perstack.controlplane.orchestration.StepOverheadBench "${1:-50}" "${2:-3}"
