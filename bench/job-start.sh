#!/usr/bin/env bash
# Cold start of a job through the docker runtime (job submitted -> first generation request
# received by the control plane) against a plain `docker run --rm` of the same sandbox image, both
# measured alternately in this one run; prints each round, the medians and their ratio (goal <= 1.5).
# Needs a running Docker engine; builds the sandbox image first if the engine lacks it.
#
# Usage: bench/job-start.sh [ROUNDS]    (default 7, after one warm-up round of each)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
docker info >/dev/null 2>&1 || { echo "bench/job-start: no Docker engine answers (docker info)" >&2; exit 1; }
source bench/lib.sh
classpath="control-plane/target/test-classes:control-plane/target/classes:$(test_deps control-plane test-compile)"
java -cp "$classpath" dev.perstack.controlplane.sandbox.JobStartBench "${1:-7}"
