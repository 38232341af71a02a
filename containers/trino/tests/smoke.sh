#!/usr/bin/env bash
# Smoke test for the trino image: the CLI and the server report the packaged version, the server starts as a non-root user, loads its catalogs and answers a query.
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
[ "$(dockerfile_arg TRINO_VERSION)" = "$current" ] || fail "Dockerfile ARG TRINO_VERSION differs from version.current ${current}"
pass "Dockerfile TRINO_VERSION default is ${current}"

# --- runtime checks --------------------------------------------------------------------------
need_docker

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

docker run --rm --entrypoint trino "$image" --version | grep -qx "Trino CLI ${current}" || fail "trino --version does not report ${current}"
pass "CLI reports ${current}"

name="trino-smoke-$$"
docker run -d --name "$name" "$image" >/dev/null
cleanup_cmds+=("docker rm -f $name")
info() { docker exec "$name" curl -fsS http://localhost:8080/v1/info; }
wait_for 180 sh -c "docker exec $name curl -fsS http://localhost:8080/v1/info | grep -q '\"starting\":false'" \
  || { docker logs "$name" 2>&1 | tail -n 40 >&2; fail "server did not start within 180s"; }
pass "server started"

info | grep -q "\"version\":\"${current}\"" || fail "server does not report version ${current}: $(info)"
pass "server reports ${current}"

catalogs="$(docker exec "$name" trino --execute 'SHOW CATALOGS' | tr -d '"')"
for catalog in lakehouse lakehouse_hms tpch system; do
  echo "$catalogs" | grep -qx "$catalog" || fail "catalog ${catalog} is not loaded (got: ${catalogs//$'\n'/ })"
done
pass "catalogs lakehouse, lakehouse_hms and tpch are loaded"

[ "$(docker exec "$name" trino --execute 'SELECT count(*) FROM tpch.tiny.nation' | tr -d '"')" = 25 ] \
  || fail "SELECT count(*) FROM tpch.tiny.nation did not return 25"
pass "answers a query"

done_ok
