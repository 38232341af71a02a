#!/usr/bin/env bash
# Smoke test for the nessie image: the packaged version, non-root user, rollback lines, and an in-memory server that serves the Nessie API and the Iceberg REST endpoint.
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

echo "smoke: ${passed} passed, 0 failed"
