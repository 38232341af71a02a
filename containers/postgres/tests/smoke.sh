#!/usr/bin/env bash
# Smoke test for the postgres image: server version, non-root user, platform settings and databases created on first start.
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
[ "$(dockerfile_arg POSTGRES_VERSION)" = "$current" ] || fail "Dockerfile ARG POSTGRES_VERSION differs from version.current ${current}"
pass "Dockerfile POSTGRES_VERSION default is ${current}"
base="$(yaml_value runtime base_image)"
[[ "$base" == *":${current}@sha256:"* ]] || fail "runtime.base_image ${base} is not the ${current} tag"
pass "base image is the ${current} tag, pinned by digest"

# --- runtime checks --------------------------------------------------------------------------
need_docker
upstream="${current%%-*}"   # 17.6-bookworm -> 17.6

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" = 999 ] || fail "runs as uid ${uid}, expected 999 (postgres)"
pass "runs as uid 999"

docker run --rm "$image" postgres --version | grep -q "(PostgreSQL) ${upstream}\b" || fail "postgres --version does not report ${upstream}"
pass "postgres reports ${upstream}"

name="postgres-smoke-$$"
docker run -d --name "$name" -e POSTGRES_PASSWORD=smoke \
  -e PLATFORM_DB_PASSWORD_METASTORE=m -e PLATFORM_DB_PASSWORD_POLARIS=p \
  -e PLATFORM_DB_PASSWORD_NESSIE=n -e PLATFORM_DB_PASSWORD_AIRFLOW=a "$image" >/dev/null
cleanup_cmds+=("docker rm -f $name")
# pg_isready succeeds briefly during initialisation too: wait for the final server's settings.
wait_for 90 sh -c "docker exec $name psql -U postgres -tAc 'SHOW max_connections' | grep -qx 200" \
  || { docker logs "$name" 2>&1 | tail -n 40 >&2; fail "server with platform settings not up within 90s"; }
pass "platform settings are loaded (max_connections = 200)"

databases="$(docker exec "$name" psql -U postgres -tAc 'SELECT datname FROM pg_database')"
for db in metastore polaris nessie airflow; do
  echo "$databases" | grep -qx "$db" || fail "database ${db} was not created"
done
pass "databases metastore, polaris, nessie and airflow exist"

docker exec -e PGPASSWORD=m "$name" psql -h 127.0.0.1 -U metastore -d metastore -tAc 'CREATE TABLE smoke (id int); DROP TABLE smoke;' >/dev/null \
  || fail "role metastore cannot log in and create a table in its database"
pass "each role owns its database"

done_ok
