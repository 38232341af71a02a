#!/bin/sh
# MinIO entrypoint: without arguments, run the server on MINIO_VOLUMES with the console on
# MINIO_CONSOLE_ADDRESS; with arguments, execute them (`minio ...`, `mc ...`, `create-buckets`).
set -eu

: "${MINIO_VOLUMES:=/data}"
: "${MINIO_CONSOLE_ADDRESS:=:9001}"

if [ "$#" -eq 0 ]; then
  if [ -z "${MINIO_ROOT_USER:-}" ] || [ -z "${MINIO_ROOT_PASSWORD:-}" ]; then
    echo "entrypoint: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD must be set" >&2
    exit 64
  fi
  # MINIO_VOLUMES may name several drives, separated by spaces: split on purpose.
  # shellcheck disable=SC2086
  exec minio server $MINIO_VOLUMES --console-address "$MINIO_CONSOLE_ADDRESS"
fi
exec "$@"
