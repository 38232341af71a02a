#!/usr/bin/env bash
# Hive Metastore entrypoint:
#  1. renders metastore-site.xml from the template and the environment;
#  2. waits for PostgreSQL;
#  3. creates (or, when asked, upgrades) the metastore schema;
#  4. execs the metastore in the foreground.
# Any arguments replace step 4 (e.g. `schematool -dbType postgres -info`).
set -euo pipefail
# "&" in a ${var//pattern/replacement} replacement must stay literal (bash >= 5.2).
shopt -u patsub_replacement 2>/dev/null || true

: "${METASTORE_HOME:=/opt/hive-metastore}"
: "${METASTORE_CONF_DIR:=${METASTORE_HOME}/conf}"
: "${METASTORE_CONF_TEMPLATES:=${METASTORE_HOME}/conf-templates}"
: "${METASTORE_DB_HOST:=postgres}"
: "${METASTORE_DB_PORT:=5432}"
: "${METASTORE_DB_NAME:=metastore}"
: "${METASTORE_DB_USER:=metastore}"
: "${METASTORE_DB_PASSWORD:=}"
: "${METASTORE_DB_URL:=}"
: "${METASTORE_DB_WAIT_SECONDS:=60}"
: "${METASTORE_SCHEMA_ACTION:=init}"
: "${METASTORE_PORT:=9083}"
: "${METASTORE_WAREHOUSE_DIR:=s3://lakehouse/warehouse}"
: "${S3_ENDPOINT:=http://minio:9000}"
: "${AWS_REGION:=us-east-1}"
[ -n "$METASTORE_DB_URL" ] || METASTORE_DB_URL="jdbc:postgresql://${METASTORE_DB_HOST}:${METASTORE_DB_PORT}/${METASTORE_DB_NAME}"
export METASTORE_CONF_DIR METASTORE_DB_URL

log() { echo "entrypoint: $*" >&2; }

xml_escape() {
  local s="$1"
  s="${s//&/&amp;}"; s="${s//</&lt;}"; s="${s//>/&gt;}"; s="${s//\"/&quot;}"
  printf '%s' "$s"
}

render() { # render TEMPLATE: replace ${NAME} of the variables below with their escaped values
  local text name placeholder
  text="$(cat "$1")"
  for name in METASTORE_PORT METASTORE_WAREHOUSE_DIR METASTORE_DB_URL METASTORE_DB_USER \
              METASTORE_DB_PASSWORD S3_ENDPOINT AWS_REGION; do
    placeholder="\${${name}}"
    text="${text//"$placeholder"/$(xml_escape "${!name}")}"
  done
  printf '%s\n' "$text"
}

render "${METASTORE_CONF_TEMPLATES}/metastore-site.xml.template" > "${METASTORE_CONF_DIR}/metastore-site.xml"
cp "${METASTORE_CONF_TEMPLATES}/metastore-log4j2.properties" "${METASTORE_CONF_DIR}/metastore-log4j2.properties"

if [ "$#" -gt 0 ]; then
  exec "$@"
fi

db_reachable() { (exec 3<>"/dev/tcp/${METASTORE_DB_HOST}/${METASTORE_DB_PORT}") 2>/dev/null; }
deadline=$((SECONDS + METASTORE_DB_WAIT_SECONDS))
until db_reachable; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "PostgreSQL at ${METASTORE_DB_HOST}:${METASTORE_DB_PORT} not reachable after ${METASTORE_DB_WAIT_SECONDS}s"
    exit 1
  fi
  sleep 2
done

schematool() { "${METASTORE_HOME}/bin/schematool" -dbType postgres "$@"; }
case "$METASTORE_SCHEMA_ACTION" in
  init)
    if schematool -info >/dev/null 2>&1; then
      log "metastore schema is present and matches this version"
    elif schematool -initSchema; then
      log "metastore schema created"
    else
      log "the schema exists but does not match this version: take a pg_dump of '${METASTORE_DB_NAME}', then restart with METASTORE_SCHEMA_ACTION=upgrade (or start the previous image)"
      exit 1
    fi
    ;;
  upgrade) schematool -initOrUpgradeSchema ;;
  none) log "schema management skipped (METASTORE_SCHEMA_ACTION=none)" ;;
  *) log "METASTORE_SCHEMA_ACTION must be init, upgrade or none (got '${METASTORE_SCHEMA_ACTION}')"; exit 64 ;;
esac

exec "${METASTORE_HOME}/bin/start-metastore" -p "${METASTORE_PORT}"
