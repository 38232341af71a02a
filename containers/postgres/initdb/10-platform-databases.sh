#!/usr/bin/env bash
# Runs once, on an empty data directory: one role and one database per name in PLATFORM_DATABASES,
# the role owning its database. The password of role <name> comes from PLATFORM_DB_PASSWORD_<NAME>;
# a missing password stops the initialisation rather than creating a role nobody can log in as.
set -euo pipefail

for name in ${PLATFORM_DATABASES:-metastore polaris nessie airflow}; do
  if [[ ! "$name" =~ ^[a-z][a-z0-9_]*$ ]]; then
    echo "10-platform-databases: '${name}' is not a valid database name" >&2
    exit 1
  fi
  var="PLATFORM_DB_PASSWORD_${name^^}"
  password="${!var:-}"
  if [ -z "$password" ]; then
    echo "10-platform-databases: ${var} is not set" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  echo "10-platform-databases: created database and role ${name}"
done
