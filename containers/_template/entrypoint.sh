#!/bin/sh
# Entrypoint for ${{ values.slug }}: turn environment variables into configuration, then
# exec the service so it replaces this shell and receives signals directly.
set -eu

: "${APP_LOG_LEVEL:=info}"

if [ "$#" -eq 0 ]; then
  # TODO(maintainer): replace with the service's foreground command.
  echo "${{ values.slug }} $(cat /opt/app/VERSION) (log level ${APP_LOG_LEVEL}): no command configured" >&2
  exec sleep infinity
fi

exec "$@"
