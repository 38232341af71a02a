#!/usr/bin/env bash
# Runs once, on an empty data directory: load the platform settings from postgresql.conf.
set -euo pipefail
echo "include = '/etc/postgresql/platform.conf'" >> "${PGDATA}/postgresql.conf"
