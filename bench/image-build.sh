#!/usr/bin/env bash
# Cold and warm build times of the sandbox image (offline base with mmdebstrap + docker import,
# agent layers with jib-core), in the local Docker engine.
#
#   cold           nothing there: the base from Debian packages, then the agent image
#   agent rebuild  the base is there, jib's cache is warm: what a change of the agent costs
#   warm           everything is there: ensureSandboxImage finds both images and builds nothing
#
# It builds under repositories of its own (perstack-bench-sandbox[-base]) with a fresh recipe
# version and jib cache, so a real cold build happens and the user's images are left alone; it
# removes its images at the end. Needs root (mmdebstrap), a running dockerd and network access
# to the Debian mirror of /etc/apt/sources.list.d/debian.sources.
#
# Usage: bench/image-build.sh
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"

./mvnw -q -o -pl sandbox-image -am package -DskipTests -Dspotless.check.skip
./mvnw -q -o -pl sandbox-image dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench-image.classpath >/dev/null
cp="$root/sandbox-image/target/classes:$(cat sandbox-image/target/bench-image.classpath)"

run_id="bench-$(date +%s)"
cache=$(mktemp -d)
opts=(--repositories perstack-bench-sandbox-base,perstack-bench-sandbox --recipe-version "$run_id"
  --jib-cache "$cache")
tool() { java -cp "$cp" dev.perstack.image.internal.ImageBuildTool "${opts[@]}" "$@"; }
cleanup() { tool --quiet remove >/dev/null 2>&1 || true; rm -rf "$cache"; }
trap cleanup EXIT

ms() { grep '^elapsed_ms=' | cut -d= -f2; }
echo "cold build (base + agent image) ..." >&2
cold=$(tool --quiet ensure | tee /dev/stderr | ms)
echo "agent image rebuild (base there, jib cache warm) ..." >&2
agent=$(tool --quiet rebuild-agent | tee /dev/stderr | ms)
warm_runs=()
for _ in 1 2 3; do warm_runs+=("$(tool --quiet ensure | ms)"); done

base_ref=$(docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^perstack-bench-sandbox-base:' || true)
image_ref=$(docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^perstack-bench-sandbox:' || true)
printf '\n%-44s %10s\n' "build" "seconds"
printf '%-44s %10.1f\n' "cold (base + agent image)" "$(awk "BEGIN{print $cold/1000}")"
printf '%-44s %10.1f\n' "agent image rebuild (base there, cache warm)" "$(awk "BEGIN{print $agent/1000}")"
for w in "${warm_runs[@]}"; do
  printf '%-44s %10.2f\n' "warm ensure (both there, nothing built)" "$(awk "BEGIN{print $w/1000}")"
done
echo "sizes: ${base_ref:-?} | ${image_ref:-?}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(docker version --format 'dockerd {{.Server.Version}}')"
