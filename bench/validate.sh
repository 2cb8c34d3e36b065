#!/usr/bin/env bash
# Whole-process time of `./perstack validate` on every example, as a user runs it: JVM start,
# launcher staleness check, parse, validation, report. Goal: <= 0.5 s on a 2-core machine.
#
# Usage: bench/validate.sh [RUNS]   (default 20 counted runs per file, after 3 warm-up runs)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
runs=${1:-20}
warmup=3

# Build once up front so no run pays for it.
"$root/perstack" --version >/dev/null

now_ns() { date +%s%N; }

printf '%-40s %6s %8s %8s %8s\n' "file" "runs" "min ms" "median" "max ms"
for config in "$root"/examples/*/perstack.toml; do
  for ((i = 0; i < warmup; i++)); do "$root/perstack" validate --config "$config" >/dev/null 2>&1 || true; done
  samples=()
  for ((i = 0; i < runs; i++)); do
    start=$(now_ns)
    "$root/perstack" validate --config "$config" >/dev/null 2>&1 || true
    samples+=($(( ($(now_ns) - start) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${samples[@]}" | sort -n))
  median=${sorted[$(( runs / 2 ))]}
  printf '%-40s %6d %8d %8d %8d\n' "${config#"$root"/}" "$runs" "${sorted[0]}" "$median" "${sorted[$((runs - 1))]}"
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
