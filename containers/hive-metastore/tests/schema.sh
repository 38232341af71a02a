#!/usr/bin/env bash
# Schema test for the hive-metastore image: integration with PostgreSQL: the schema is created, reported at the packaged version, and a restart finds it.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE, SMOKE_BUILD, SMOKE_REQUIRE_DOCKER, DOCKYARD_TESTS_STATIC: see containers/_lib/testlib.sh
#   POSTGRES_IMAGE=...         database image (default: the platform's postgres image, else postgres:17)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

current="$(yaml_value version current)"
publish_image="$(yaml_value publish image)"
image="${IMAGE:-${publish_image}:${current}}"
[ -n "$current" ] || fail "version.current is empty"

need_docker
postgres_image="${POSTGRES_IMAGE:-ghcr.io/example/data-platform/postgres:17.6-bookworm}"
docker image inspect "$postgres_image" >/dev/null 2>&1 || postgres_image=docker.io/library/postgres:17
suffix="hms-schema-$$"

docker network create "net-${suffix}" >/dev/null
cleanup_cmds+=("docker network rm net-${suffix}")
docker run -d --name "pg-${suffix}" --network "net-${suffix}" --network-alias postgres \
  -e POSTGRES_USER=metastore -e POSTGRES_PASSWORD=metastore -e POSTGRES_DB=metastore \
  "$postgres_image" >/dev/null
cleanup_cmds=("docker rm -f pg-${suffix}" "${cleanup_cmds[@]}")
wait_for 60 docker exec "pg-${suffix}" pg_isready -U metastore -d metastore || fail "PostgreSQL did not become ready"
pass "PostgreSQL is ready"

start_metastore() {
  docker run -d --name "hms-${suffix}" --network "net-${suffix}" \
    -e METASTORE_DB_PASSWORD=metastore -e METASTORE_WAREHOUSE_DIR=file:///tmp/warehouse \
    "$image" >/dev/null
}
start_metastore
cleanup_cmds=("docker rm -f hms-${suffix}" "${cleanup_cmds[@]}")
wait_for 180 docker exec "hms-${suffix}" bash -c '</dev/tcp/127.0.0.1/9083' \
  || { docker logs "hms-${suffix}" 2>&1 | tail -n 40 >&2; fail "metastore did not listen on 9083"; }
pass "metastore created its schema and listens on 9083"

docker exec "hms-${suffix}" schematool -dbType postgres -info 2>/dev/null \
  | grep -Eq "Metastore schema version:[[:space:]]+${current}" || fail "schematool -info does not report schema ${current}"
pass "schema version is ${current}"

docker rm -f "hms-${suffix}" >/dev/null
start_metastore
wait_for 180 docker exec "hms-${suffix}" bash -c '</dev/tcp/127.0.0.1/9083' \
  || { docker logs "hms-${suffix}" 2>&1 | tail -n 40 >&2; fail "metastore did not restart on the existing schema"; }
docker logs "hms-${suffix}" 2>&1 | grep -q "schema is present" || fail "restart did not recognise the existing schema"
pass "a restart reuses the existing schema"

done_ok
