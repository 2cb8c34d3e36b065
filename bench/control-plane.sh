#!/usr/bin/env bash
# A job of N steps through the control plane (orchestrator, session checks, store, fan-out) and a
# real agent process (local runtime) against a zero-latency scripted model: prints the per-step
# overhead and the event storage rate. The store's own write rate on H2 and PostgreSQL is measured
# by the store's benchmark test (DatabaseJobStore*Benchmark*).
#
# Usage: bench/control-plane.sh [STEPS]   (default 50)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl control-plane -am test-compile >&2
cp_file=$(mktemp)
./mvnw -q -B -pl control-plane -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
# Reactor modules first: the dependency list may name stale copies from the local repository.
classpath="control-plane/target/test-classes:control-plane/target/classes:protocol/target/classes:lockfile/target/classes:sandbox-image/target/classes:test-support/target/classes:$(<"$cp_file")"
rm -f "$cp_file"
java -Dperstack.agent.classpath="sandbox-agent/target/classes:protocol/target/classes:$(<"$root/control-plane/target/perstack-cli.classpath")" \
  -cp "$classpath" dev.perstack.controlplane.orchestration.StepOverheadBench "${1:-50}"
