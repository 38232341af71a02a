#!/usr/bin/env bash
# Static checks of the Spark catalog configuration (no Docker needed):
#  - every conf/spark-defaults*.conf defines the lakehouse catalog exactly once;
#  - the rollback config_changes in container.yaml match the files: each "to" line is in
#    conf/spark-defaults.conf (Hive Metastore) and each "from" line in conf/spark-defaults.glue.conf;
#  - bin/entrypoint.sh renders the right file for every LAKEHOUSE_CATALOG value.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

for file in "$here"/conf/spark-defaults*.conf; do
  name="$(basename "$file")"
  [ "$(grep -c '^spark.sql.catalog.lakehouse=org.apache.iceberg.spark.SparkCatalog$' "$file")" = 1 ] \
    || fail "${name}: spark.sql.catalog.lakehouse must be set once to SparkCatalog"
  kinds="$(grep -cE '^spark\.sql\.catalog\.lakehouse\.(type|catalog-impl)=' "$file" || true)"
  [ "$kinds" = 1 ] || fail "${name}: exactly one of lakehouse.type / lakehouse.catalog-impl expected, found ${kinds}"
  pass "${name} defines the lakehouse catalog once"
done

change_lines() { # change_lines from|to: the spark.* values of rollback.config_changes
  grep -E "^ +$1: \"spark\." "$here/container.yaml" | sed -E "s/^ +$1: \"(.*)\"$/\\1/"
}
count=0
while IFS= read -r line; do
  grep -qxF "$line" "$here/conf/spark-defaults.conf" || fail "rollback target line not in conf/spark-defaults.conf: ${line}"
  count=$((count + 1))
done < <(change_lines to)
[ "$count" -gt 0 ] || fail "no spark.* config_changes found in container.yaml"
pass "${count} rollback 'to' lines are what conf/spark-defaults.conf says"
while IFS= read -r line; do
  grep -qxF "$line" "$here/conf/spark-defaults.glue.conf" || fail "rollback source line not in conf/spark-defaults.glue.conf: ${line}"
done < <(change_lines from)
pass "rollback 'from' lines are what conf/spark-defaults.glue.conf says"

tmp="$(mktemp -d)"
cleanup_cmds+=("rm -rf '$tmp'")
for catalog in hive glue rest nessie; do
  rm -f "$tmp/spark-defaults.conf"
  SPARK_CONF_TEMPLATES="$here/conf" SPARK_CONF_DIR="$tmp" LAKEHOUSE_CATALOG="$catalog" AWS_REGION=eu-west-1 \
    SPARK_CONF_OVERRIDES="spark.app.name=config-test" bash "$here/bin/entrypoint.sh" true
  head -n 1 "$tmp/spark-defaults.conf" | grep -q "LAKEHOUSE_CATALOG=${catalog}" || fail "entrypoint did not render ${catalog}"
  tail -n 1 "$tmp/spark-defaults.conf" | grep -qx "spark.app.name=config-test" || fail "SPARK_CONF_OVERRIDES not appended for ${catalog}"
done
pass "entrypoint renders hive, glue, rest and nessie configurations with overrides"

if SPARK_CONF_TEMPLATES="$here/conf" SPARK_CONF_DIR="$tmp" LAKEHOUSE_CATALOG=bogus bash "$here/bin/entrypoint.sh" true 2>/dev/null; then
  fail "entrypoint accepted LAKEHOUSE_CATALOG=bogus"
fi
pass "entrypoint refuses an unknown LAKEHOUSE_CATALOG"

done_ok
