#!/usr/bin/env bash
# Airflow entrypoint. The first argument is an Airflow sub-command (api-server, scheduler,
# dag-processor, triggerer, db, version, …) unless it is a program on PATH, which is executed as is.
# With AIRFLOW_DB_MIGRATE=true the metadata database is migrated first.
set -euo pipefail

if [ "${AIRFLOW_DB_MIGRATE:-false}" = true ]; then
  echo "entrypoint: migrating the Airflow metadata database" >&2
  airflow db migrate
fi

if [ "$#" -eq 0 ]; then
  set -- api-server
fi
if command -v "$1" >/dev/null 2>&1; then
  exec "$@"
fi
exec airflow "$@"
