#!/usr/bin/env bash
# Static checks of the Trino configuration (no Docker needed):
#  - every catalog file names a connector and has a valid catalog name;
#  - every ${ENV:NAME} used under etc/ is documented in container.yaml and has an ENV default in the
#    Dockerfile (Trino refuses to start when a referenced variable is unset);
#  - the rollback config_changes match the files: "from" lines are in lakehouse.properties (REST),
#    "to" lines in lakehouse_hms.properties (Hive Metastore).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../../_lib/testlib.sh"

for file in "$here"/etc/catalog/*.properties "$here"/etc/catalog-variants/*.properties; do
  grep -q '^connector.name=' "$file" || fail "$(basename "$file") has no connector.name"
done
pass "every catalog file names its connector"

for file in "$here"/etc/catalog/*.properties; do
  name="$(basename "$file" .properties)"
  [[ "$name" =~ ^[a-z][a-z0-9_]*$ ]] || fail "catalog file name ${name} is not a valid catalog name"
done
pass "catalog file names are valid catalog names"

vars="$(grep -rhoE '\$\{ENV:[A-Z0-9_]+\}' "$here/etc" | sed -E 's/\$\{ENV:([A-Z0-9_]+)\}/\1/' | sort -u)"
for var in $vars; do
  grep -qE "^    - name: ${var}$" "$here/container.yaml" || fail "\${ENV:${var}} is not documented in runtime.env"
  grep -qE "^(ENV)? +${var}=" "$here/Dockerfile" || fail "\${ENV:${var}} has no ENV default in the Dockerfile"
done
pass "environment variables used by the catalogs are documented and defaulted ($(echo "$vars" | wc -w) variables)"

while IFS= read -r line; do
  grep -qxF "$line" "$here/etc/catalog/lakehouse.properties" || fail "rollback 'from' line not in lakehouse.properties: ${line}"
done < <(grep -E '^ +from: "' "$here/container.yaml" | sed -E 's/^ +from: "(.*)"$/\1/')
while IFS= read -r line; do
  grep -qxF "$line" "$here/etc/catalog/lakehouse_hms.properties" || fail "rollback 'to' line not in lakehouse_hms.properties: ${line}"
done < <(grep -E '^ +to: "' "$here/container.yaml" | sed -E 's/^ +to: "(.*)"$/\1/')
pass "rollback lines match lakehouse.properties (from) and lakehouse_hms.properties (to)"

done_ok
