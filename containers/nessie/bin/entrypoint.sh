#!/usr/bin/env bash
# Nessie entrypoint: runs the server runner jar in the foreground. Arguments are executed instead
# (for example `admin info` runs the server admin tool against the configured version store).
set -euo pipefail

: "${JAVA_OPTS_APPEND:=}"
read -r -a java_opts <<< "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS_APPEND}"

cd /opt/nessie
if [ "${1:-}" = admin ]; then
  shift
  exec java "${java_opts[@]}" -jar /opt/nessie/nessie-server-admin-tool-runner.jar "$@"
fi
if [ "$#" -gt 0 ]; then
  exec "$@"
fi
exec java "${java_opts[@]}" -jar /opt/nessie/nessie-quarkus-runner.jar
