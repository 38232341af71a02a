#!/usr/bin/env bash
# Runs every container's tests (the tests[] commands of containers/*/container.yaml, from the
# container folder), static checks only by default: `make check` has no Docker to rely on.
# Set DOCKYARD_TESTS_STATIC=0 to run the runtime checks too where Docker is available.
# tests[] is read by the container.yaml parser (`dockyard list --json`), so run it where yarn
# works (make check sources the Makefile's environment first).
#
#   scripts/container-tests.sh [SLUG...]
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOCKYARD_TESTS_STATIC="${DOCKYARD_TESTS_STATIC:-1}"

listing="$(cd "$root" && yarn dockyard list --json)" || {
  echo "container tests: containers/ does not validate (run yarn dockyard validate)" >&2
  exit 1
}
# One line per test: slug, folder and command, tab-separated, for the slugs asked for (or all).
mapfile -t tests < <(node -e '
  const only = new Set(process.argv.slice(1));
  for (const c of JSON.parse(require("fs").readFileSync(0, "utf8"))) {
    if (only.size && !only.has(c.slug)) continue;
    for (const t of c.tests) console.log([c.slug, c.dir, t.command].join("\t"));
  }' "$@" <<<"$listing")

failed=()
declare -A slugs=()
for line in ${tests[@]+"${tests[@]}"}; do
  IFS=$'\t' read -r slug folder command <<<"$line"
  slugs[$slug]=1
  echo "# containers/$slug: $command"
  if ! (cd "$folder" && bash -c "$command"); then failed+=("$slug: $command"); fi
done
for slug in "$@"; do
  [ -n "${slugs[$slug]:-}" ] || { echo "containers/$slug: no such container, or it has no tests" >&2; failed+=("$slug"); }
done

if [ "${#failed[@]}" -gt 0 ]; then
  printf 'container tests failed:\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "container tests: ${#tests[@]} commands in ${#slugs[@]} containers passed"
