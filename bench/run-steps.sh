#!/usr/bin/env bash
# `./perstack run` of an N-step job as a user runs it: a fresh control plane (H2 store), the model
# gateway calling a zero-latency scripted model over HTTP in OpenAI's streaming format (MODEL http)
# or answering from a cassette in its own process (MODEL cassette: no HTTP), a fresh agent in the
# chosen runtime. Prints the per-step overhead read from the printed events; with the HTTP model,
# also the scripted server's own time per request (it reads the whole conversation each time) and
# the steps' mean without it.
#
# Usage: bench/run-steps.sh [STEPS [RUNTIME [JOBS [MODEL]]]]   (default 50 local 3 http)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
source bench/lib.sh
deps=$(test_deps control-plane package)
java -cp "control-plane/target/test-classes:control-plane/target/classes:$deps" \
  dev.perstack.cli.RunStepsBench "${1:-50}" "${2:-local}" "${3:-3}" "$root/perstack" "${4:-http}"
