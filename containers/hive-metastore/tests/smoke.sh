#!/usr/bin/env bash
# Smoke test for the hive-metastore image: the packaged metastore and Hadoop versions, non-root user, rendered configuration.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE=...                  image under test (default: publish.image:version.current)
#   SMOKE_BUILD=1              build the image from this folder first
#   SMOKE_REQUIRE_DOCKER=1     fail instead of skipping the runtime checks when Docker is missing
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
passed=0
cleanup_cmds=()
cleanup() { local c; for c in ${cleanup_cmds[@]+"${cleanup_cmds[@]}"}; do eval "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { echo "not ok - $*" >&2; echo "smoke: ${passed} passed, 1 failed"; exit 1; }

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
# Everything below needs Docker; without it, report what ran and stop.
need_docker() {
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
}
# wait_for TIMEOUT_SECONDS COMMAND...: retry COMMAND once a second until it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}

current="$(yaml_value version current)"
publish_image="$(yaml_value publish image)"
image="${IMAGE:-${publish_image}:${current}}"
[ -n "$current" ] || fail "version.current is empty"

# --- static checks ---------------------------------------------------------------------------
[ "$(dockerfile_arg HIVE_VERSION)" = "$current" ] || fail "Dockerfile ARG HIVE_VERSION differs from version.current ${current}"
pass "Dockerfile HIVE_VERSION default is ${current}"
hadoop="$(build_arg HADOOP_VERSION)"
[ "$(dockerfile_arg HADOOP_VERSION)" = "$hadoop" ] || fail "Dockerfile ARG HADOOP_VERSION differs from build.args (${hadoop})"
pass "Dockerfile HADOOP_VERSION default is ${hadoop}"

# --- runtime checks --------------------------------------------------------------------------
need_docker
run() { docker run --rm "$image" "$@"; }

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" != 0 ] || fail "the image runs as root"
pass "runs as uid ${uid}"

run ls "/opt/hive-metastore/lib/hive-standalone-metastore-server-${current}.jar" >/dev/null \
  || fail "hive-standalone-metastore-server-${current}.jar is missing"
pass "metastore ${current} is installed"

run hadoop version 2>/dev/null | head -n 1 | grep -qx "Hadoop ${hadoop}" || fail "hadoop version does not report ${hadoop}"
pass "Hadoop ${hadoop} client is installed"

run sh -c 'ls /opt/hadoop/share/hadoop/common/lib/ | grep -E "^(hadoop-aws|bundle)-"' | wc -l | grep -qx 2 \
  || fail "S3A connector (hadoop-aws and the AWS SDK bundle) is not on the classpath"
pass "S3A connector is on the classpath"

site="$(docker run --rm -e METASTORE_DB_HOST=db.internal -e METASTORE_DB_PASSWORD='p&ss' "$image" cat /opt/hive-metastore/conf/metastore-site.xml)"
echo "$site" | grep -q '<value>jdbc:postgresql://db.internal:5432/metastore</value>' || fail "JDBC URL not rendered from METASTORE_DB_HOST"
echo "$site" | grep -q '<value>p&amp;ss</value>' || fail "password not XML-escaped"
echo "$site" | grep -q '\${' && fail "unrendered placeholders left in metastore-site.xml"
pass "metastore-site.xml is rendered from the environment"

echo "smoke: ${passed} passed, 0 failed"
