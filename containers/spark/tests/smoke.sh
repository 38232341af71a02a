#!/usr/bin/env bash
# Smoke test for the spark image: Spark reports the packaged version, runs as uid 185 and can write and read an Iceberg table.
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
[ "$(dockerfile_arg SPARK_VERSION)" = "$current" ] || fail "Dockerfile ARG SPARK_VERSION differs from version.current ${current}"
pass "Dockerfile SPARK_VERSION default is ${current}"
iceberg="$(build_arg ICEBERG_VERSION)"
[ "$(dockerfile_arg ICEBERG_VERSION)" = "$iceberg" ] || fail "Dockerfile ARG ICEBERG_VERSION differs from build.args (${iceberg})"
pass "Dockerfile ICEBERG_VERSION default is ${iceberg}"
dist_url="https://archive.apache.org/dist/spark/spark-${current}/spark-${current}-bin-hadoop3.tgz"
[ "$(dockerfile_arg SPARK_DIST_URL)" = "$dist_url" ] || fail "Dockerfile ARG SPARK_DIST_URL is not ${dist_url}"
pass "Dockerfile SPARK_DIST_URL default points at ${current}"

# --- runtime checks --------------------------------------------------------------------------
need_docker
spark_line="${current%.*}"
run() { docker run --rm -e SPARK_CONF_OVERRIDES="spark.sql.defaultCatalog=spark_catalog" "$image" "$@"; }

uid="$(docker run --rm --entrypoint id "$image" -u)"
[ "$uid" = 185 ] || fail "runs as uid ${uid}, expected 185"
pass "runs as uid 185"

run spark-submit --version 2>&1 | grep -q "version ${current}" || fail "spark-submit --version does not report ${current}"
pass "spark-submit reports ${current}"

[ "$(run python -c 'import pyspark; print(pyspark.__version__)')" = "$current" ] || fail "pyspark does not report ${current}"
pass "pyspark reports ${current}"

run ls "/opt/spark/jars/iceberg-spark-runtime-${spark_line}_2.13-${iceberg}.jar" "/opt/spark/jars/iceberg-aws-bundle-${iceberg}.jar" >/dev/null \
  || fail "Iceberg ${iceberg} jars for Spark ${spark_line} are missing"
pass "Iceberg ${iceberg} runtime and AWS bundle are on the classpath"

for catalog in hive glue rest nessie; do
  docker run --rm -e LAKEHOUSE_CATALOG="$catalog" "$image" cat /opt/spark/conf/spark-defaults.conf \
    | grep -q "LAKEHOUSE_CATALOG=${catalog}" || fail "LAKEHOUSE_CATALOG=${catalog} does not select its configuration"
done
pass "LAKEHOUSE_CATALOG selects hive, glue, rest and nessie configurations"

if docker run --rm -e LAKEHOUSE_CATALOG=unknown "$image" true 2>/dev/null; then
  fail "an unknown LAKEHOUSE_CATALOG is accepted"
fi
pass "an unknown LAKEHOUSE_CATALOG is refused"

out="$(run spark-sql \
  --conf spark.sql.catalog.local=org.apache.iceberg.spark.SparkCatalog \
  --conf spark.sql.catalog.local.type=hadoop \
  --conf spark.sql.catalog.local.warehouse=/tmp/warehouse \
  -e "CREATE TABLE local.smoke.t (id BIGINT) USING iceberg; INSERT INTO local.smoke.t VALUES (1), (2), (3); SELECT count(*) FROM local.smoke.t;" 2>/dev/null)"
echo "$out" | tail -n 1 | grep -qx '3' || fail "Iceberg round trip returned: ${out}"
pass "writes and reads an Iceberg table"

done_ok
