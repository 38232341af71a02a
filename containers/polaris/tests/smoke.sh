#!/usr/bin/env bash
# Smoke test for the polaris image: static checks of the rollback notes; with Docker, the packaged version, non-root user, and a server that starts, issues a token and serves the management API.
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
[ "$(dockerfile_arg POLARIS_VERSION)" = "$current" ] || fail "Dockerfile ARG POLARIS_VERSION differs from version.current ${current}"
pass "Dockerfile POLARIS_VERSION default is ${current}"
[[ "$current" == *-incubating ]] || echo "note - version ${current} has no -incubating suffix: update version.filter"

# Rollback lines must be what the consumers' files say: "from" in the REST file, "to" in the HMS file.
check_lines() { # check_lines from|to PREFIX FILE
  local line found=0
  while IFS= read -r line; do
    found=1
    grep -qxF "$line" "$3" || fail "rollback '$1' line not in ${3#"$here"/}: ${line}"
  done < <(grep -E "^ +$1: \"$2" "$here/container.yaml" | sed -E "s/^ +$1: \"(.*)\"$/\\1/")
  [ "$found" = 1 ] || fail "no rollback '$1' lines starting with $2"
}
check_lines from spark. "$here/../spark/conf/spark-defaults.rest.conf"
check_lines to spark. "$here/../spark/conf/spark-defaults.conf"
pass "Spark rollback lines match the spark container's REST and Hive Metastore files"
check_lines from iceberg. "$here/../trino/etc/catalog/lakehouse.properties"
check_lines to iceberg. "$here/../trino/etc/catalog/lakehouse_hms.properties"
pass "Trino rollback lines match the trino container's REST and Hive Metastore catalogs"

# --- runtime checks --------------------------------------------------------------------------
need_docker

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

docker run --rm "$image" sh -c "ls /opt/polaris/server/lib/main/ | grep -q 'polaris.*-${current}\.jar$'" \
  || fail "no Polaris ${current} jar in /opt/polaris/server/lib/main"
pass "Polaris ${current} is installed"

name="polaris-smoke-$$"
docker run -d --name "$name" -e POLARIS_PERSISTENCE_TYPE=in-memory \
  -e POLARIS_BOOTSTRAP_CREDENTIALS=POLARIS,smoke,smoke-secret \
  -e POLARIS_READINESS_IGNORE_SEVERE_ISSUES=true "$image" >/dev/null
cleanup_cmds+=("docker rm -f $name")
wait_for 120 docker exec "$name" curl -fsS http://localhost:8182/q/health/ready \
  || { docker logs "$name" 2>&1 | tail -n 40 >&2; fail "server did not become ready within 120s"; }
pass "server is ready"

token="$(docker exec "$name" curl -fsS http://localhost:8181/api/catalog/v1/oauth/tokens \
  -d grant_type=client_credentials -d client_id=smoke -d client_secret=smoke-secret -d scope=PRINCIPAL_ROLE:ALL \
  | sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/')"
[ -n "$token" ] || fail "no OAuth2 token for the bootstrap principal"
pass "issues a token to the bootstrap principal"

docker exec "$name" curl -fsS -H "Authorization: Bearer ${token}" http://localhost:8181/api/management/v1/catalogs \
  | grep -q '"catalogs"' || fail "management API did not list catalogs"
pass "management API answers"

done_ok
