#!/usr/bin/env bash
# Smoke test for the hive-metastore image: the packaged metastore and Hadoop versions, non-root user, rendered configuration.
# container.yaml tests[] runs it from the container folder; it works from anywhere.
#
#   IMAGE, SMOKE_BUILD, SMOKE_REQUIRE_DOCKER, DOCKYARD_TESTS_STATIC: see containers/_lib/testlib.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

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

done_ok
