#!/usr/bin/env bash
# Polaris entrypoint:
#  1. with relational-jdbc persistence and POLARIS_BOOTSTRAP_CREDENTIALS set, bootstraps the realm
#     with the admin tool (once: an already bootstrapped realm is left alone);
#  2. execs the server in the foreground.
# Arguments replace step 2: `admin <command>` runs the admin tool, anything else is executed.
set -euo pipefail

home=/opt/polaris
: "${POLARIS_PERSISTENCE_TYPE:=relational-jdbc}"
: "${POLARIS_BOOTSTRAP_CREDENTIALS:=}"
: "${JAVA_OPTS_APPEND:=}"
export POLARIS_PERSISTENCE_TYPE

log() { echo "entrypoint: $*" >&2; }
read -r -a java_opts <<< "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS_APPEND}"
admin() { (cd "${home}/admin" && java "${java_opts[@]}" -jar quarkus-run.jar "$@"); }

if [ "${1:-}" = admin ]; then
  shift
  admin "$@"
  exit $?
fi
if [ "$#" -gt 0 ]; then
  exec "$@"
fi

if [ -n "$POLARIS_BOOTSTRAP_CREDENTIALS" ]; then
  realm="${POLARIS_BOOTSTRAP_CREDENTIALS%%,*}"
  if [ "$POLARIS_PERSISTENCE_TYPE" = relational-jdbc ]; then
    if output="$(admin bootstrap --realm="$realm" --credential="$POLARIS_BOOTSTRAP_CREDENTIALS" 2>&1)"; then
      log "realm ${realm} bootstrapped"
    elif grep -qi 'already' <<< "$output"; then
      log "realm ${realm} was already bootstrapped"
    else
      printf '%s\n' "$output" >&2
      log "bootstrapping realm ${realm} failed"
      exit 1
    fi
  fi
  # with in-memory persistence the server bootstraps itself from POLARIS_BOOTSTRAP_CREDENTIALS
fi

cd "${home}/server"
exec java "${java_opts[@]}" -jar quarkus-run.jar
