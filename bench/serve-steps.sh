#!/usr/bin/env bash
# N-step jobs submitted one after another to a running `./perstack serve` (H2 store, C2 JIT) over
# the REST API and followed over SSE, each in a fresh agent (local runtime) against a zero-latency
# scripted model over HTTP in OpenAI's streaming format. Prints each job's per-step overhead (the
# first job meets a cold service, the others a warm one) and the scripted server's own share.
#
# Usage: bench/serve-steps.sh [STEPS [JOBS]]   (default 300 steps, 4 jobs)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
source bench/lib.sh
deps=$(test_deps control-plane package)
java -cp "control-plane/target/test-classes:control-plane/target/classes:$deps" \
  dev.perstack.cli.ServeStepsBench "${1:-300}" "${2:-4}" "$root/perstack"
