#!/usr/bin/env bash
# Superset entrypoint.
#   serve (default)   run the web server with gunicorn in the foreground
#   anything else     executed as is (superset ..., python ...)
# With SUPERSET_DB_UPGRADE=true the metadata database is upgraded, roles are synchronised and the
# lakehouse database (SUPERSET_TRINO_URI) is registered before the command.
set -euo pipefail

if [ "${SUPERSET_DB_UPGRADE:-false}" = true ]; then
  superset db upgrade
  superset init
  if [ -n "${SUPERSET_TRINO_URI:-}" ]; then
    superset set-database-uri --database_name lakehouse --uri "${SUPERSET_TRINO_URI}"
  fi
fi

if [ "$#" -eq 0 ] || [ "$1" = serve ]; then
  exec gunicorn \
    --bind "0.0.0.0:8088" \
    --workers "${SUPERSET_WORKERS:-4}" \
    --worker-class gthread --threads 4 \
    --timeout 300 \
    --access-logfile - --error-logfile - \
    "superset.app:create_app()"
fi
exec "$@"
