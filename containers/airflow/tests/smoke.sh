#!/usr/bin/env bash
# Smoke test for the airflow image: Airflow version, non-root user, providers and PyIceberg installed, bundled DAGs import.
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

done_ok
