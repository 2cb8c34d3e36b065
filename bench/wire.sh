#!/usr/bin/env bash
# The bytes and the encode + decode CPU time of a run's per-step frames (startGeneration, generate,
# continueToNextStep, checkpoint) with protocol version 1 (everything in full) and version 2
# (references, docs/protocol.md §5a), at several steps of one long run, in a warm JVM.
#
# Usage: bench/wire.sh [STEPS]   (default 600)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
source bench/lib.sh
deps=$(test_deps protocol test-compile)
java -cp "protocol/target/test-classes:protocol/target/classes:$deps" \
  dev.perstack.protocol.codec.WireVolumeBench "${1:-600}"
