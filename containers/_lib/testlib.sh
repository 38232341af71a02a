# Helpers shared by the container tests (containers/<slug>/tests/*.sh); not a container.
# A test sources it first thing:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"
#
# and gets: $here (the container folder), pass/fail with a TAP-like summary named after the script,
# cleanup_cmds run on exit, container.yaml and Dockerfile readers, need_docker and wait_for.
#
# Environment understood by every test:
#   IMAGE=...                  image under test (default: publish.image:version.current)
#   SMOKE_BUILD=1              build the image from the container folder first
#   SMOKE_REQUIRE_DOCKER=1     fail instead of skipping the runtime checks when Docker is missing
#   DOCKYARD_TESTS_STATIC=1    run the static checks only, even where Docker is available
#                              (what `make check` does)

here="$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)"
suite="$(basename "${BASH_SOURCE[1]}" .sh)"
passed=0
cleanup_cmds=()
cleanup() { local c; for c in ${cleanup_cmds[@]+"${cleanup_cmds[@]}"}; do eval "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { echo "not ok - $*" >&2; echo "${suite}: ${passed} passed, 1 failed"; exit 1; }
done_ok() { echo "${suite}: ${passed} passed, 0 failed"; exit 0; }

# A top-level section's scalar from container.yaml, without a YAML library.
yaml_value() {
  awk -v section="$1" -v key="$2" '
    /^[^ #]/ { in_section = ($0 ~ "^" section ":") }
    in_section && $0 ~ "^  " key ":" {
      sub("^  " key ":[ ]*", ""); gsub(/^["\047]|["\047][ ]*$/, ""); print; exit
    }' "$here/container.yaml"
}
# A build.args value from container.yaml.
build_arg() {
  awk -v key="$1" '
    /^[^ #]/ { in_build = ($0 ~ "^build:") }
    in_build && $0 ~ "^    " key ":" {
      sub("^    " key ":[ ]*", ""); gsub(/^["\047]|["\047][ ]*$/, ""); print; exit
    }' "$here/container.yaml"
}
# The default of an ARG in the Dockerfile (first declaration).
dockerfile_arg() { sed -n "s/^ARG $1=//p" "$here/Dockerfile" | head -n 1 | tr -d '"'; }
# Everything after it needs Docker and $image; without Docker (or with DOCKYARD_TESTS_STATIC=1),
# report what ran and stop.
need_docker() {
  if [ "${DOCKYARD_TESTS_STATIC:-0}" = 1 ]; then
    echo "skip - static checks only (DOCKYARD_TESTS_STATIC=1): runtime checks skipped"
    done_ok
  fi
  if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
    [ "${SMOKE_REQUIRE_DOCKER:-0}" = 1 ] && fail "Docker is required (SMOKE_REQUIRE_DOCKER=1)"
    echo "skip - Docker is not available: runtime checks skipped"
    done_ok
  fi
  if [ "${SMOKE_BUILD:-0}" = 1 ]; then
    docker build -t "$image" "$here" >/dev/null || fail "docker build failed"
  fi
  docker image inspect "$image" >/dev/null 2>&1 || fail "image ${image} not found (build it, or set SMOKE_BUILD=1)"
}
# wait_for TIMEOUT_SECONDS COMMAND...: retry COMMAND once a second until it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}
