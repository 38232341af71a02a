#!/usr/bin/env bash
# Schema test for the hive-metastore image: integration with PostgreSQL: the schema is created, reported at the packaged version, and a restart finds it.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE=...                  image under test (default: publish.image:version.current)
#   SMOKE_BUILD=1              build the image from this folder first
#   SMOKE_REQUIRE_DOCKER=1     fail instead of skipping the runtime checks when Docker is missing
#   POSTGRES_IMAGE=...         database image (default: the platform's postgres image, else postgres:17)
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
    echo "schema: ${passed} passed, 0 failed"
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

echo "schema: ${passed} passed, 0 failed"
