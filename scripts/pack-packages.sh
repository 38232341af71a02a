#!/usr/bin/env bash
# Builds every published package (each workspace without "private": true: the plugins and the
# CLI) and packs it into OUT (default dist-packs/) as <scope>-<name>-<version>.tgz: the tarball
# `yarn changeset publish` uploads. `yarn pack` runs each package's prepack
# (`backstage-cli package prepack`: entry points to dist/, config.d.ts compiled to
# config.schema.json) and turns `workspace:^` dependencies into version ranges.
# Type declarations are bundled from dist-types/, which `yarn tsc` writes first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/dist-packs}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"

log() { echo "[pack] $*" >&2; }

log "type declarations (yarn tsc)"
yarn tsc
log "building (backstage-cli repo build: every package but the app and the backend)"
yarn backstage-cli repo build >&2

rm -f "$OUT"/*.tgz
yarn workspaces list --json --no-private |
  node -e 'for (const l of require("fs").readFileSync(0, "utf8").split("\n")) if (l) console.log(JSON.parse(l).location)' |
  while read -r dir; do
    log "packing $dir"
    (cd "$dir" && yarn pack --out "$OUT/%s-%v.tgz" >/dev/null)
  done
ls -1 "$OUT"/*.tgz
