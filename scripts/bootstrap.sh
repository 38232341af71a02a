#!/usr/bin/env bash
# Prepares a fresh machine for `make start` / `make test`:
#   - a supported Node (22 or 24); when the system Node is older, a pinned Node from the npm
#     registry's node-linux-<arch> package goes into .tools/node (ignored by git),
#   - yarn 4 through corepack, downloading from the registry npm itself is configured for,
#   - `yarn install --immutable`, native addons built against that Node's own headers.
# It prints `export` lines for the Makefile's environment file and is a no-op when all is in place.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# DOCKYARD_YARN_FLAGS="" lets a maintainer update yarn.lock; the default keeps the lockfile as committed.
TOOLS="$ROOT/.tools"
NODE_VERSION="$(cat "$ROOT/.node-version")"

log() { echo "[bootstrap] $*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

case "$(uname -m)" in
  x86_64 | amd64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) log "unsupported architecture $(uname -m)"; exit 1 ;;
esac

# npm's own registry setting (user or global npmrc), trailing slash removed.
REGISTRY="$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)"
REGISTRY="${REGISTRY%/}"
# A CA bundle npm is configured with (e.g. behind a TLS-intercepting proxy) must reach the pinned
# Node and yarn too: neither reads npm's config files.
CAFILE="$(npm config get cafile 2>/dev/null || true)"
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$CAFILE" ]; then export NODE_EXTRA_CA_CERTS="$CAFILE"; fi

# 1. Node
SYSTEM_NODE="$(command -v node || true)"
NODE_BIN_DIR=""
NODE_DIR=""
if [ -n "$SYSTEM_NODE" ] && [[ " 22 24 " == *" $(node_major "$SYSTEM_NODE") "* ]] && [ -z "${DOCKYARD_FORCE_PINNED_NODE:-}" ]; then
  NODE_BIN_DIR="$(dirname "$SYSTEM_NODE")"
  # Headers of the running Node: next to the binary (…/include/node) when they ship there.
  if [ -f "$NODE_BIN_DIR/../include/node/common.gypi" ]; then NODE_DIR="$(cd "$NODE_BIN_DIR/.." && pwd)"; fi
else
  NODE_DIR="$TOOLS/node-v$NODE_VERSION-linux-$ARCH"
  if [ ! -x "$NODE_DIR/bin/node" ] || [ ! -f "$NODE_DIR/include/node/common.gypi" ]; then
    log "system Node is $(${SYSTEM_NODE:-false} -v 2>/dev/null || echo missing); fetching Node $NODE_VERSION (node-linux-$ARCH) from the npm registry"
    TMP="$(mktemp -d)"
    trap 'rm -rf "$TMP"' EXIT
    (cd "$TMP" && npm pack --silent "node-linux-$ARCH@$NODE_VERSION" --registry "$REGISTRY/" >/dev/null)
    mkdir -p "$TMP/x" && tar -xzf "$TMP"/node-linux-"$ARCH"-*.tgz -C "$TMP/x"
    rm -rf "$NODE_DIR" && mkdir -p "$TOOLS" && mv "$TMP/x/package" "$NODE_DIR"
    chmod +x "$NODE_DIR/bin/node"
  fi
  NODE_BIN_DIR="$NODE_DIR/bin"
fi
export PATH="$TOOLS/bin:$NODE_BIN_DIR:$PATH"

# 2. yarn through corepack (the corepack package from the registry, run by that Node).
export COREPACK_NPM_REGISTRY="$REGISTRY"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_HOME="$TOOLS/corepack"
COREPACK_VERSION="$(cat "$ROOT/.corepack-version")"
COREPACK_JS="$TOOLS/corepack-$COREPACK_VERSION/dist/corepack.js"
if [ ! -f "$COREPACK_JS" ]; then
  log "fetching corepack $COREPACK_VERSION from the npm registry"
  TMP2="$(mktemp -d)"
  (cd "$TMP2" && npm pack --silent "corepack@$COREPACK_VERSION" --registry "$REGISTRY/" >/dev/null)
  mkdir -p "$TMP2/x" && tar -xzf "$TMP2"/corepack-*.tgz -C "$TMP2/x"
  rm -rf "$TOOLS/corepack-$COREPACK_VERSION" && mkdir -p "$TOOLS" && mv "$TMP2/x/package" "$TOOLS/corepack-$COREPACK_VERSION"
  rm -rf "$TMP2"
fi
if [ ! -e "$TOOLS/bin/yarn" ]; then
  mkdir -p "$TOOLS/bin"
  "$NODE_BIN_DIR/node" "$COREPACK_JS" enable --install-directory "$TOOLS/bin" yarn
fi

# 3. Dependencies. Yarn does not read .npmrc, so the registry is handed over explicitly.
export YARN_NPM_REGISTRY_SERVER="$REGISTRY"
export YARN_ENABLE_TELEMETRY=0 SCARF_ANALYTICS=false
export YARN_ENABLE_GLOBAL_CACHE=0
[ -n "$NODE_DIR" ] && export npm_config_nodedir="$NODE_DIR"
# better-sqlite3 would try a prebuilt binary download first; build it from source instead.
export npm_config_build_from_source=true

# The stamp records the Node ABI the install was built for: native addons (better-sqlite3) must be
# rebuilt when the Node version changes, which yarn alone does not notice.
STAMP="$ROOT/node_modules/.dockyard-install-stamp"
NODE_ABI="$(node -p 'process.versions.modules')"
needs_install() {
  [ -f "$STAMP" ] || return 0
  [ -n "$(find "$ROOT/yarn.lock" "$ROOT/package.json" "$ROOT/packages" "$ROOT/plugins" -maxdepth 2 \
      \( -name yarn.lock -o -name package.json \) -newer "$STAMP" -print -quit 2>/dev/null)" ]
}
if needs_install; then
  log "yarn install ${DOCKYARD_YARN_FLAGS---immutable} (the first run takes a few minutes)"
  (cd "$ROOT" && yarn install ${DOCKYARD_YARN_FLAGS---immutable} >&2)
  echo "$NODE_ABI" > "$STAMP"
elif [ "$(cat "$STAMP")" != "$NODE_ABI" ]; then
  log "Node ABI changed to $NODE_ABI: rebuilding native addons"
  (cd "$ROOT" && yarn rebuild >&2)
  echo "$NODE_ABI" > "$STAMP"
fi

# The environment for the Makefile's recipes.
echo "export PATH='$PATH'"
echo "export COREPACK_NPM_REGISTRY='$COREPACK_NPM_REGISTRY' COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_HOME='$COREPACK_HOME'"
echo "export YARN_NPM_REGISTRY_SERVER='$YARN_NPM_REGISTRY_SERVER' YARN_ENABLE_TELEMETRY=0 SCARF_ANALYTICS=false YARN_ENABLE_GLOBAL_CACHE=0"
[ -n "$NODE_DIR" ] && echo "export npm_config_nodedir='$NODE_DIR'"
echo "export npm_config_build_from_source=true"
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then echo "export NODE_EXTRA_CA_CERTS='$NODE_EXTRA_CA_CERTS'"; fi
