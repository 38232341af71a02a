#!/usr/bin/env bash
# Smoke test for the postgres image: server version, non-root user, platform settings and databases created on first start.
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

echo "smoke: ${passed} passed, 0 failed"
