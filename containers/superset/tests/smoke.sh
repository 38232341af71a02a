#!/usr/bin/env bash
# Smoke test for the superset image: Superset version, non-root user, drivers, configuration that refuses to start without a secret key.
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
[ "$(dockerfile_arg SUPERSET_VERSION)" = "$current" ] || fail "Dockerfile ARG SUPERSET_VERSION differs from version.current ${current}"
pass "Dockerfile SUPERSET_VERSION default is ${current}"
[ "$(dockerfile_arg SUPERSET_REQUIREMENTS_URL)" = "https://raw.githubusercontent.com/apache/superset/${current}/requirements/base.txt" ] \
  || fail "Dockerfile ARG SUPERSET_REQUIREMENTS_URL does not point at ${current}"
pass "requirements URL points at ${current}"
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$here/conf/superset_config.py" || fail "superset_config.py is not valid Python"
  pass "superset_config.py is valid Python"
fi

# --- runtime checks --------------------------------------------------------------------------
need_docker
run() { docker run --rm -e SUPERSET_SECRET_KEY=smoke-test-only "$image" "$@"; }

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

[ "$(run python -c 'from importlib.metadata import version; print(version("apache-superset"))')" = "$current" ] \
  || fail "apache-superset is not ${current}"
pass "apache-superset ${current} is installed"

run python -c 'import trino.sqlalchemy, psycopg2, gunicorn' || fail "Trino or PostgreSQL drivers are missing"
pass "Trino and PostgreSQL drivers import"

if docker run --rm -e SUPERSET_SECRET_KEY= "$image" python -c 'import runpy; runpy.run_path("/app/superset_config.py")' >/dev/null 2>&1; then
  fail "configuration accepted an empty SUPERSET_SECRET_KEY"
fi
pass "configuration refuses an empty SUPERSET_SECRET_KEY"

echo "smoke: ${passed} passed, 0 failed"
