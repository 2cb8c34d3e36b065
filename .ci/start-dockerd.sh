#!/usr/bin/env bash
# Makes sure a Docker engine answers `docker info`: reuses a running one, otherwise
# starts dockerd detached (it must outlive this script) and waits for it.
set -euo pipefail

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
DOCKERD_LOG=/var/log/dockerd-ci.log
TIMEOUT_S=60

docker_answers() { docker info >/dev/null 2>&1; }

if docker_answers; then
  echo "dockerd already answering; reusing it"
  exit 0
fi

# A dockerd that is still starting (or hung) holds its pid file: starting a second one
# would only fail on that file, so wait for the existing one instead.
pidfile=/var/run/docker.pid
if [[ -s "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "dockerd (pid $(cat "$pidfile")) is running but not answering yet; waiting for it"
else
  command -v dockerd >/dev/null || { echo "error: dockerd not found (is docker.io installed?)" >&2; exit 1; }
  echo "starting dockerd (log: $DOCKERD_LOG)"
  # setsid: own session, so the daemon survives this script and CI's process group.
  setsid dockerd </dev/null >"$DOCKERD_LOG" 2>&1 &
fi

for ((i = 0; i < TIMEOUT_S; i++)); do
  if docker_answers; then
    echo "dockerd answering after ${i}s"
    docker version --format 'client {{.Client.Version}}, server {{.Server.Version}}' || true
    exit 0
  fi
  sleep 1
done

echo "error: dockerd did not answer 'docker info' within ${TIMEOUT_S}s; last lines of $DOCKERD_LOG:" >&2
tail -n 40 "$DOCKERD_LOG" >&2 || true
exit 1
