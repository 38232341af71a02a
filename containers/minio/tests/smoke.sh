#!/usr/bin/env bash
# Smoke test for the minio image: server and client versions, non-root user, a server that starts, reports healthy and gets its buckets.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE, SMOKE_BUILD, SMOKE_REQUIRE_DOCKER, DOCKYARD_TESTS_STATIC: see containers/_lib/testlib.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

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

done_ok
