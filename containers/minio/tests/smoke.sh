#!/usr/bin/env bash
# Smoke test for the minio image: server and client versions, non-root user, a server that starts, reports healthy and gets its buckets.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE=...                  image under test (default: publish.image:version.current)
#   SMOKE_BUILD=1              build the image from this folder first
#   SMOKE_REQUIRE_DOCKER=1     fail instead of skipping the runtime checks when Docker is missing
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
passed=0
cleanup_cmds=()
cleanup() { local c; for c in ${cleanup_cmds[@]+"${cleanup_cmds[@]}"}; do eval "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { echo "not ok - $*" >&2; echo "smoke: ${passed} passed, 1 failed"; exit 1; }

# A top-level section's scalar from container.yaml, without a YAML library.
yaml_value() {
  awk -v section="$1" -v key="$2" '
    /^[^ #]/ { in_section = ($0 ~ "^" section ":") }
    in_section && $0 ~ "^  " key ":" {
      sub("^  " key ":[ ]*", ""); gsub(/^["\047]|["\047][ ]*$/, ""); print; exit
    }' "$here/container.yaml"
}
# A build.args value from container.yaml.
build_arg() {
  awk -v key="$1" '
    /^[^ #]/ { in_build = ($0 ~ "^build:") }
    in_build && $0 ~ "^    " key ":" {
      sub("^    " key ":[ ]*", ""); gsub(/^["\047]|["\047][ ]*$/, ""); print; exit
    }' "$here/container.yaml"
}
# The default of an ARG in the Dockerfile (first declaration).
dockerfile_arg() { sed -n "s/^ARG $1=//p" "$here/Dockerfile" | head -n 1 | tr -d '"'; }
# Everything below needs Docker; without it, report what ran and stop.
need_docker() {
  if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
    [ "${SMOKE_REQUIRE_DOCKER:-0}" = 1 ] && fail "Docker is required (SMOKE_REQUIRE_DOCKER=1)"
    echo "skip - Docker is not available: runtime checks skipped"
    echo "smoke: ${passed} passed, 0 failed"
    exit 0
  fi
  if [ "${SMOKE_BUILD:-0}" = 1 ]; then
    docker build -t "$image" "$here" >/dev/null || fail "docker build failed"
  fi
  docker image inspect "$image" >/dev/null 2>&1 || fail "image ${image} not found (build it, or set SMOKE_BUILD=1)"
}
# wait_for TIMEOUT_SECONDS COMMAND...: retry COMMAND once a second until it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}

current="$(yaml_value version current)"
publish_image="$(yaml_value publish image)"
image="${IMAGE:-${publish_image}:${current}}"
[ -n "$current" ] || fail "version.current is empty"

# --- static checks ---------------------------------------------------------------------------
[ "$(dockerfile_arg MINIO_RELEASE)" = "$current" ] || fail "Dockerfile ARG MINIO_RELEASE differs from version.current ${current}"
pass "Dockerfile MINIO_RELEASE default is ${current}"
mc_release="$(build_arg MC_RELEASE)"
[ "$(dockerfile_arg MC_RELEASE)" = "$mc_release" ] || fail "Dockerfile ARG MC_RELEASE differs from build.args (${mc_release})"
pass "Dockerfile MC_RELEASE default is ${mc_release}"

# --- runtime checks --------------------------------------------------------------------------
need_docker

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

docker run --rm "$image" minio --version | head -n 1 | grep -q "^minio version ${current} " || fail "minio --version does not report ${current}"
pass "minio reports ${current}"
docker run --rm "$image" mc --version | head -n 1 | grep -q "^mc version ${mc_release} " || fail "mc --version does not report ${mc_release}"
pass "mc reports ${mc_release}"

if docker run --rm "$image" >/dev/null 2>&1; then
  fail "the server starts without root credentials"
fi
pass "the server refuses to start without root credentials"

name="minio-smoke-$$"
docker run -d --name "$name" -e MINIO_ROOT_USER=smoke -e MINIO_ROOT_PASSWORD=smoke-secret "$image" >/dev/null
cleanup_cmds+=("docker rm -f $name")
wait_for 60 docker exec "$name" curl -fsS http://localhost:9000/minio/health/live \
  || { docker logs "$name" 2>&1 | tail -n 40 >&2; fail "server not healthy within 60s"; }
pass "server is healthy"

docker exec -e MINIO_URL=http://localhost:9000 -e MINIO_BUCKETS="lakehouse scratch" "$name" create-buckets | grep -q 'lakehouse/' \
  || fail "create-buckets did not create the lakehouse bucket"
docker exec -e MINIO_URL=http://localhost:9000 "$name" create-buckets >/dev/null || fail "create-buckets is not idempotent"
pass "create-buckets creates buckets idempotently"

echo "smoke: ${passed} passed, 0 failed"
