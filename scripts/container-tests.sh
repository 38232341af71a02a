#!/usr/bin/env bash
# Runs every container's tests (the tests[] commands of containers/*/container.yaml, from the
# container folder), static checks only by default: `make check` has no Docker to rely on.
# Set DOCKYARD_TESTS_STATIC=0 to run the runtime checks too where Docker is available.
#
#   scripts/container-tests.sh [SLUG...]
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOCKYARD_TESTS_STATIC="${DOCKYARD_TESTS_STATIC:-1}"

if [ "$#" -gt 0 ]; then slugs=("$@"); else
  mapfile -t slugs < <(cd "$root/containers" && ls -d [!_.]*/ | tr -d /)
fi

# The `command:` values of the top-level tests: list (the parser has validated the file already).
test_commands() {
  awk '
    /^[^ #]/ { in_tests = ($0 ~ /^tests:/) }
    in_tests && /^ +(- +)?command:/ {
      sub(/^ +(- +)?command: */, ""); gsub(/^["\047]|["\047] *$/, ""); print
    }' "$1"
}

failed=()
ran=0
for slug in "${slugs[@]}"; do
  folder="$root/containers/$slug"
  [ -f "$folder/container.yaml" ] || { echo "containers/$slug: no container.yaml" >&2; failed+=("$slug"); continue; }
  while IFS= read -r command; do
    ran=$((ran + 1))
    echo "# containers/$slug: $command"
    if ! (cd "$folder" && bash -c "$command"); then failed+=("$slug: $command"); fi
  done < <(test_commands "$folder/container.yaml")
done

if [ "${#failed[@]}" -gt 0 ]; then
  printf 'container tests failed:\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "container tests: ${ran} commands in ${#slugs[@]} containers passed"
