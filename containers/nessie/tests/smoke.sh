#!/usr/bin/env bash
# Smoke test for the nessie image: the packaged version, non-root user, rollback lines, and an in-memory server that serves the Nessie API and the Iceberg REST endpoint.
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
[ "$(dockerfile_arg NESSIE_VERSION)" = "$current" ] || fail "Dockerfile ARG NESSIE_VERSION differs from version.current ${current}"
pass "Dockerfile NESSIE_VERSION default is ${current}"
[ "$(dockerfile_arg NESSIE_RELEASE_URL)" = "https://github.com/projectnessie/nessie/releases/download/nessie-${current}/" ] \
  || fail "Dockerfile ARG NESSIE_RELEASE_URL does not point at nessie-${current}"
pass "Dockerfile NESSIE_RELEASE_URL points at nessie-${current}"

check_lines() { # check_lines from|to PREFIX FILE...: each rollback line with PREFIX is in one of FILEs
  local kind="$1" prefix="$2" line found=0; shift 2
  while IFS= read -r line; do
    found=1
    grep -qxF "$line" "$@" || fail "rollback '${kind}' line not in $*: ${line}"
  done < <(grep -E "^ +${kind}: \"${prefix}" "$here/container.yaml" | sed -E "s/^ +${kind}: \"(.*)\"$/\\1/")
  [ "$found" = 1 ] || fail "no rollback '${kind}' lines starting with ${prefix}"
}
check_lines from spark. "$here/../spark/conf/spark-defaults.nessie.conf"
check_lines to spark. "$here/../spark/conf/spark-defaults.conf"
check_lines from iceberg. "$here/../trino/etc/catalog-variants/lakehouse.nessie.properties"
check_lines to iceberg. "$here/../trino/etc/catalog/lakehouse_hms.properties"
check_lines to hive. "$here/../trino/etc/catalog/lakehouse_hms.properties"
pass "rollback lines match the spark and trino configuration files"

# --- runtime checks --------------------------------------------------------------------------
need_docker

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

docker run --rm "$image" test -f "/opt/nessie/nessie-quarkus-${current}-runner.jar" || fail "nessie-quarkus-${current}-runner.jar is missing"
pass "Nessie ${current} is installed"

name="nessie-smoke-$$"
docker run -d --name "$name" -e NESSIE_VERSION_STORE_TYPE=IN_MEMORY "$image" >/dev/null
cleanup_cmds+=("docker rm -f $name")
wait_for 120 docker exec "$name" curl -fsS http://localhost:9000/q/health/ready \
  || { docker logs "$name" 2>&1 | tail -n 40 >&2; fail "server did not become ready within 120s"; }
pass "server is ready"

docker exec "$name" curl -fsS http://localhost:19120/api/v2/config | grep -q '"defaultBranch" *: *"main"' \
  || fail "Nessie API does not report the main branch"
pass "Nessie API answers with default branch main"

docker exec "$name" curl -fsS "http://localhost:19120/iceberg/v1/config" | grep -q '"defaults"' \
  || fail "Iceberg REST config endpoint does not answer"
pass "Iceberg REST endpoint answers"

done_ok
