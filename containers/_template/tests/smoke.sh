#!/usr/bin/env bash
# Smoke test for the ${{ values.slug }} image (container.yaml tests[] runs it from the container folder).
#
#   IMAGE, SMOKE_BUILD, SMOKE_REQUIRE_DOCKER, DOCKYARD_TESTS_STATIC: see containers/_lib/testlib.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

current="$(yaml_value version current)"
publish_image="$(yaml_value publish image)"
image="${IMAGE:-${publish_image}:${current}}"
[ -n "$current" ] || fail "version.current is empty"

# --- static checks ---------------------------------------------------------------------------
[ "$(dockerfile_arg APP_VERSION)" = "$current" ] || fail "Dockerfile ARG APP_VERSION differs from version.current ${current}"
pass "Dockerfile default version matches container.yaml (${current})"

grep -Eq '^USER +[1-9][0-9]*' "$here/Dockerfile" || fail "Dockerfile has no numeric non-root USER"
pass "Dockerfile switches to a numeric non-root user"

# --- runtime checks --------------------------------------------------------------------------
need_docker

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

# TODO(maintainer): ask the packaged binary for its version instead of the marker file.
reported="$(docker run --rm --entrypoint cat "$image" /opt/app/VERSION)"
[ "$reported" = "$current" ] || fail "image reports ${reported}, expected ${current}"
pass "image reports version ${current}"

done_ok
