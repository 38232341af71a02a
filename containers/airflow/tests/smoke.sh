#!/usr/bin/env bash
# Smoke test for the airflow image: Airflow version, non-root user, providers and PyIceberg installed, bundled DAGs import.
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
[ "$(dockerfile_arg AIRFLOW_VERSION)" = "$current" ] || fail "Dockerfile ARG AIRFLOW_VERSION differs from version.current ${current}"
pass "Dockerfile AIRFLOW_VERSION default is ${current}"
constraints="https://raw.githubusercontent.com/apache/airflow/constraints-${current}/constraints-$(build_arg PYTHON_VERSION).txt"
[ "$(dockerfile_arg AIRFLOW_CONSTRAINTS_URL)" = "$constraints" ] || fail "Dockerfile ARG AIRFLOW_CONSTRAINTS_URL is not ${constraints}"
pass "constraints URL matches version and Python"
if command -v python3 >/dev/null 2>&1; then
  for dag in "$here"/dags/*.py; do
    python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$dag" || fail "$(basename "$dag") is not valid Python"
  done
  pass "bundled DAGs are valid Python"
fi

# --- runtime checks --------------------------------------------------------------------------
need_docker
run() { docker run --rm "$image" "$@"; }

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" = 50000 ] || fail "runs as uid ${uid}, expected 50000"
pass "runs as uid 50000"

[ "$(run version 2>/dev/null | tail -n 1)" = "$current" ] || fail "airflow version does not report ${current}"
pass "airflow reports ${current}"

providers="$(run python -c 'from importlib.metadata import version as v; print(v("apache-airflow-providers-trino"), v("apache-airflow-providers-amazon"), v("pyiceberg"))')" \
  || fail "Trino/Amazon providers or PyIceberg are not installed"
pass "providers and PyIceberg installed (trino, amazon, pyiceberg: ${providers})"

run python -c 'import runpy; runpy.run_path("/opt/airflow/dags/iceberg_maintenance.py")' >/dev/null 2>&1 \
  || fail "dags/iceberg_maintenance.py does not import"
pass "bundled DAGs import"

echo "smoke: ${passed} passed, 0 failed"
