#!/usr/bin/env bash
# Smoke test for the superset image: Superset version, non-root user, drivers, configuration that refuses to start without a secret key.
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

done_ok
