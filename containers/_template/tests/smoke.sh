#!/usr/bin/env bash
# Smoke test for the ${{ values.slug }} image (container.yaml tests[] runs it from the container folder).
#
#   IMAGE=...                  image under test (default: publish.image:version.current)
#   SMOKE_BUILD=1              build the image from this folder first
#   SMOKE_REQUIRE_DOCKER=1     fail instead of skipping the runtime checks when Docker is missing
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
passed=0
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { echo "not ok - $*" >&2; echo "smoke: ${passed} passed, 1 failed"; exit 1; }

# Read a top-level section's scalar from container.yaml without a YAML library.
yaml_value() {
  awk -v section="$1" -v key="$2" '
    /^[^ #]/ { in_section = ($0 ~ "^" section ":") }
    in_section && $0 ~ "^  " key ":" {
      sub("^  " key ":[ ]*", ""); gsub(/^["\047]|["\047][ ]*$/, ""); print; exit
    }' "$here/container.yaml"
}

current="$(yaml_value version current)"
publish_image="$(yaml_value publish image)"
image="${IMAGE:-${publish_image}:${current}}"
[ -n "$current" ] || fail "version.current is empty"

# --- static checks ---------------------------------------------------------------------------
arg_default="$(sed -n 's/^ARG APP_VERSION=//p' "$here/Dockerfile" | head -n 1 | tr -d '"')"
[ "$arg_default" = "$current" ] || fail "Dockerfile ARG APP_VERSION=${arg_default} differs from version.current ${current}"
pass "Dockerfile default version matches container.yaml (${current})"

grep -Eq '^USER +[1-9][0-9]*' "$here/Dockerfile" || fail "Dockerfile has no numeric non-root USER"
pass "Dockerfile switches to a numeric non-root user"

# --- runtime checks --------------------------------------------------------------------------
if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  [ "${SMOKE_REQUIRE_DOCKER:-0}" = 1 ] && fail "Docker is required (SMOKE_REQUIRE_DOCKER=1)"
  echo "skip - Docker is not available: runtime checks skipped"
  echo "smoke: ${passed} passed, 0 failed"
  exit 0
fi
if [ "${SMOKE_BUILD:-0}" = 1 ]; then
  docker build -t "$image" "$here" >/dev/null || fail "docker build failed"
fi
docker image inspect "$image" >/dev/null 2>&1 || fail "image ${image} not found (build it, or set SMOKE_BUILD=1)"

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

# TODO(maintainer): ask the packaged binary for its version instead of the marker file.
reported="$(docker run --rm --entrypoint cat "$image" /opt/app/VERSION)"
[ "$reported" = "$current" ] || fail "image reports ${reported}, expected ${current}"
pass "image reports version ${current}"

echo "smoke: ${passed} passed, 0 failed"
