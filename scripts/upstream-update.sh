#!/usr/bin/env bash
# The daily upstream check (.github/workflows/upstream-check.yml runs this script and nothing
# else): the drift of every container, `dockyard bump --behind --base`, and ONE pull request "Upstream
# version updates" from a fixed branch, opened on the first run that finds something behind and
# updated (force-pushed branch, new body) on every later one. When nothing is behind it commits,
# pushes and opens nothing. packages/cli/src/upstreamUpdate.test.ts runs it end to end.
#
#   scripts/upstream-update.sh
#
# Settings, from the environment (GitHub Actions sets the GITHUB_ ones):
#   GITHUB_REPOSITORY        owner/name the pull request is opened in (required unless DRY_RUN)
#   GITHUB_TOKEN             opens the pull request (required unless DRY_RUN); app-config.yaml
#                            also gives it to drift for GitHub's API. The push uses the
#                            checkout's own git credentials (actions/checkout keeps its token)
#   GITHUB_API_URL           GitHub's REST API (default https://api.github.com)
#   DOCKYARD_BASE_BRANCH     the pull request's base (default: the checked-out branch); the
#                            checked-out commit is the parent of the bump commit
#   DOCKYARD_PR_BRANCH       the branch the job owns and rewrites (default dockyard/upstream-updates)
#   DOCKYARD_PR_TITLE        (default "Upstream version updates")
#   DOCKYARD_PR_LABELS       comma-separated labels for a new pull request (default upstream-update;
#                            empty for none)
#   DOCKYARD_CONFIG          extra app-config files for drift and bump (--config), separated by
#                            spaces or newlines
#   DOCKYARD_PLATFORM_DIR    the checkout whose containers/ are bumped (default: this repository)
#   DOCKYARD_WORK_DIR        where drift.json, bump.json and pr-body.md go (default: a new
#                            temporary folder)
#   DOCKYARD_GIT_REMOTE      the remote the branch is pushed to (default origin)
#   DOCKYARD_SKIP_BOOTSTRAP  1: skip `make bootstrap` (node and yarn are in place already)
#   DRY_RUN                  1: print the drift, the diff and the pull request body; write, push
#                            and open nothing
#
# Exit status: 0 when done (or nothing was behind), 1 when a bump was refused (the others still
# go into the pull request) or git or GitHub failed, 2 on a settings problem.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
caller_dir="$(pwd)"

say() { printf 'upstream-update: %s\n' "$*"; }
fail() {
  printf 'upstream-update: %s\n' "$2" >&2
  exit "$1"
}
is_set() { [ -n "${1:-}" ] && [ "$1" != 0 ] && [ "$1" != false ]; }

# --- Settings: all checked before anything runs -------------------------------------------------

dry_run=""
if is_set "${DRY_RUN:-}"; then dry_run=1; fi
repository="${GITHUB_REPOSITORY:-}"
token="${GITHUB_TOKEN:-}"
api_url="${GITHUB_API_URL:-https://api.github.com}"
api_url="${api_url%/}"
pr_branch="${DOCKYARD_PR_BRANCH:-dockyard/upstream-updates}"
pr_title="${DOCKYARD_PR_TITLE:-Upstream version updates}"
pr_labels="${DOCKYARD_PR_LABELS-upstream-update}"
remote="${DOCKYARD_GIT_REMOTE:-origin}"
platform="${DOCKYARD_PLATFORM_DIR:-$root}"

[ -d "$platform/containers" ] ||
  fail 2 "DOCKYARD_PLATFORM_DIR: no containers/ folder in $platform"
platform="$(cd "$platform" && pwd)"
git -C "$platform" rev-parse --verify --quiet HEAD >/dev/null ||
  fail 2 "$platform is not a git checkout with a commit (the bump commit needs a parent)"

base_branch="${DOCKYARD_BASE_BRANCH:-$(git -C "$platform" symbolic-ref --quiet --short HEAD || true)}"
[ -n "$base_branch" ] ||
  fail 2 "the checkout is not on a branch: set DOCKYARD_BASE_BRANCH to the pull request's base"

# Branch names go into a URL query and a refspec: git's rules plus URL-safe characters only.
for name in DOCKYARD_PR_BRANCH:"$pr_branch" DOCKYARD_BASE_BRANCH:"$base_branch"; do
  value="${name#*:}"
  if ! [[ "$value" =~ ^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$ ]] ||
    ! git check-ref-format --branch "$value" >/dev/null 2>&1; then
    fail 2 "${name%%:*}: \"$value\" is not a branch name (letters, digits, '.', '_', '-', '/')"
  fi
done
# The job force-pushes its branch: never the one the pull request goes to.
[ "$pr_branch" != "$base_branch" ] ||
  fail 2 "DOCKYARD_PR_BRANCH is the base branch \"$base_branch\": the job rewrites its branch, so it must be its own"
[[ "$pr_title" =~ ^[^[:cntrl:]]{1,200}$ ]] ||
  fail 2 "DOCKYARD_PR_TITLE: one line of at most 200 characters"
if [ -n "$pr_labels" ] && ! [[ "$pr_labels" =~ ^[^[:cntrl:]\"\\]{1,500}$ ]]; then
  fail 2 "DOCKYARD_PR_LABELS: comma-separated label names without quotes or backslashes"
fi

if [ -z "$dry_run" ]; then
  [[ "$repository" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] ||
    fail 2 "GITHUB_REPOSITORY: \"$repository\" is not owner/name (set it, or DRY_RUN=1 to open nothing)"
  [ -n "$token" ] ||
    fail 2 "GITHUB_TOKEN is not set: it opens the pull request (or DRY_RUN=1 to open nothing)"
  # The token reaches curl through a config on stdin (never argv): no quotes, no line breaks.
  [[ "$token" =~ ^[A-Za-z0-9_.-]+$ ]] ||
    fail 2 "GITHUB_TOKEN has characters no GitHub token has"
  [[ "$api_url" =~ ^https?://[^[:space:]\"\\]+$ ]] ||
    fail 2 "GITHUB_API_URL: \"$api_url\" is not an http(s) URL"
  [[ "$remote" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] && git -C "$platform" remote get-url "$remote" >/dev/null 2>&1 ||
    fail 2 "DOCKYARD_GIT_REMOTE: the checkout has no remote \"$remote\""
  # The commit takes the bumped files from the working tree: edits of one's own would go along.
  [ -z "$(git -C "$platform" status --porcelain -- containers README.md)" ] ||
    fail 2 "$platform has uncommitted changes under containers/ or in README.md: commit or discard them first"
fi

config_args=()
if [ -n "${DOCKYARD_CONFIG:-}" ]; then
  read -r -d '' -a config_files <<<"$DOCKYARD_CONFIG" || true
  for file in "${config_files[@]}"; do
    # Relative to where the script was started: the CLI runs from the repository root.
    case "$file" in /*) ;; *) file="$caller_dir/$file" ;; esac
    [ -f "$file" ] || fail 2 "DOCKYARD_CONFIG: no file $file"
    config_args+=(--config "$file")
  done
fi

# --- Tools ------------------------------------------------------------------------------------------

if ! is_set "${DOCKYARD_SKIP_BOOTSTRAP:-}"; then
  say "make bootstrap"
  make -C "$root" --no-print-directory bootstrap
fi
# shellcheck source=/dev/null
if [ -f "$root/.make-env" ]; then source "$root/.make-env"; fi
command -v node >/dev/null && command -v yarn >/dev/null ||
  fail 2 "node and yarn are not on PATH: run make bootstrap (or unset DOCKYARD_SKIP_BOOTSTRAP)"

work="${DOCKYARD_WORK_DIR:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/upstream-update.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"

dockyard() { (cd "$root" && yarn dockyard "$@"); }

# JSON through node, which bootstrap brings: `json PROGRAM FILE [ARGS...]` runs PROGRAM with
# `data` parsed from FILE ("-" for none) and `args`, and prints what it returns (a string or
# lines). clean() folds upstream text (versions, error messages) onto one line without control
# characters or backticks: in a GitHub Actions log a line starting with `::` is a command.
json() {
  node -e '
    const [program, file, ...args] = process.argv.slice(1);
    const data = file === "-" ? null : JSON.parse(require("node:fs").readFileSync(file, "utf8"));
    const clean = value => String(value ?? "").replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").replace(/`/g, "\x27");
    const out = new Function("data", "args", "clean", program)(data, args, clean);
    if (out !== undefined && out !== "") process.stdout.write(`${[].concat(out).join("\n")}\n`);
  ' "$@"
}

step_summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"; fi
}

# --- 1. Drift ---------------------------------------------------------------------------------------

say "checking upstream drift of $platform/containers"
status=0
dockyard drift --json --dir "$platform" "${config_args[@]}" >"$work/drift.json" || status=$?
[ "$status" = 0 ] || fail 2 "dockyard drift failed (exit $status): see its message above"
drift_summary="$(json '
  const count = s => data.filter(r => r.status === s).length;
  const lines = [`drift: ${data.length} containers, ${count("behind")} behind, ${count("up-to-date")} up to date, ${count("unknown")} unknown, ${count("error")} in error`];
  for (const r of data) {
    if (r.status === "behind") lines.push(`  ${clean(r.slug)}: ${clean(r.current)} -> ${clean(r.latest)}`);
    if (r.status === "error") lines.push(`  ${clean(r.slug)}: error: ${clean(r.error).slice(0, 300)}`);
    for (const c of r.companions ?? []) {
      if (c.status === "behind") lines.push(`  ${clean(r.slug)}: ${clean(c.name)} ${clean(c.current)} -> ${clean(c.latest)}`);
    }
    const base = r.baseImage;
    if (base?.status === "behind") lines.push(`  ${clean(r.slug)}: base image ${clean(base.tag)} -> ${clean(base.latestTag)}`);
    if (base?.status === "rebuilt") lines.push(`  ${clean(r.slug)}: base image ${clean(base.tag)} rebuilt upstream (new digest)`);
  }
  return lines;
' "$work/drift.json")"
printf '%s\n' "$drift_summary"
step_summary '### Upstream check' '' '```text' "$drift_summary" '```' ''

# --- 2. Bump ----------------------------------------------------------------------------------------

# --base: companions move with --behind; base images rebuilt upstream (or with a newer tag in
# their lane) are re-pinned too.
bump_args=(--behind --base --json --pr-body "$work/pr-body.md" --dir "$platform" "${config_args[@]}")
if [ -n "$dry_run" ]; then bump_args+=(--dry-run); fi
say "dockyard bump --behind --base${dry_run:+ --dry-run}"
bump_status=0
dockyard bump "${bump_args[@]}" >"$work/bump.json" || bump_status=$?
case "$bump_status" in
  0) ;;
  1) say "a bump was refused (listed below and in the pull request body); the others go ahead" ;;
  *) fail 2 "dockyard bump failed (exit $bump_status): see its message above" ;;
esac
# What moved in one container: the version, each companion, the base image on its own.
moves_js='
  const moves = r => [
    ...(r.from !== r.to || !(r.companions?.length || r.baseImage) ? [`${clean(r.from)} -> ${clean(r.to)}`] : []),
    ...(r.companions ?? []).map(c => `${clean(c.name)} ${clean(c.from)} -> ${clean(c.to)}`),
    ...(r.baseImage?.reason === "rebuilt" ? ["base image re-pinned (rebuilt upstream)"] : []),
    ...(r.baseImage?.reason === "newer-tag" ? [`base image -> ${clean(r.baseImage.to)}`] : []),
  ].join(", ");'
json "$moves_js"'
  const done = { bumped: args[0] ? "would be bumped" : "bumped", unchanged: "already there" };
  return data.map(r => `  ${clean(r.slug)}: ${r.status === "error"
    ? `not bumped: ${clean(r.error).slice(0, 300)}`
    : `${moves(r)} (${done[r.status] ?? clean(r.status)})`}`);
' "$work/bump.json" "$dry_run"

# The files the bumps changed, relative to the checkout, NUL-separated (through a file, so that
# a failure stops the script rather than reading as "nothing changed").
json '
  const files = [...new Set(data.filter(r => r.status === "bumped").flatMap(r => r.files))];
  const unsafe = files.find(f => typeof f !== "string" || f.startsWith("/") || f.split("/").includes(".."));
  if (unsafe !== undefined) throw new Error(`a changed file outside the checkout: ${clean(unsafe)}`);
  process.stdout.write(files.map(f => `${f}\0`).join(""));
' "$work/bump.json" >"$work/changed"
mapfile -d '' -t changed <"$work/changed"

if [ "${#changed[@]}" = 0 ]; then
  if [ "$bump_status" = 0 ]; then
    say "nothing is behind: no commit, no pull request"
    step_summary 'Nothing is behind: no pull request.'
  else
    say "no bump was made: no commit, no pull request"
    step_summary 'No bump was made (see the log): no pull request.'
  fi
  exit "$bump_status"
fi

if [ -n "$dry_run" ]; then
  json 'return data.filter(r => r.diff).map(r => r.diff.replace(/\n$/, ""));' "$work/bump.json"
  say "dry run: the pull request \"$pr_title\" from $pr_branch into $base_branch would say:"
  cat "$work/pr-body.md"
  say "dry run: nothing was written, committed, pushed or opened"
  step_summary "Dry run: the pull request \"$pr_title\" would say:" '' "$(cat "$work/pr-body.md")"
  exit "$bump_status"
fi

# --- 3. The commit, on a branch of its own ----------------------------------------------------------
# Built with a private index on top of the checked-out commit, so the checkout's own branch and
# index stay as they were and only the files the bumps changed go in.

cd "$platform"
if [ -z "${GIT_AUTHOR_NAME:-}" ] && [ -z "$(git config user.name || true)" ]; then
  export GIT_AUTHOR_NAME='github-actions[bot]' GIT_COMMITTER_NAME='github-actions[bot]'
fi
if [ -z "${GIT_AUTHOR_EMAIL:-}" ] && [ -z "$(git config user.email || true)" ]; then
  export GIT_AUTHOR_EMAIL='41898282+github-actions[bot]@users.noreply.github.com'
  export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
fi

parent="$(git rev-parse HEAD)"
export GIT_INDEX_FILE="$work/index"
git read-tree "$parent"
git --literal-pathspecs add -- "${changed[@]}"
tree="$(git write-tree)"
unset GIT_INDEX_FILE
json "$moves_js"'
  const lines = [args[0], ""];
  for (const r of data.filter(r => r.status === "bumped")) lines.push(`- ${clean(r.slug)}: ${moves(r)}`);
  return lines;
' "$work/bump.json" "$pr_title" >"$work/commit-message"
commit="$(git commit-tree "$tree" -p "$parent" -F "$work/commit-message")"

# Push unless the branch already holds the same change on the same parent: an unchanged day
# leaves the pull request's commits, reviews and checks alone.
remote_head="$(git ls-remote "$remote" "refs/heads/$pr_branch" | cut -f1)"
same=""
if [ -n "$remote_head" ]; then
  fetch_args=(--quiet --no-tags)
  if [ "$(git rev-parse --is-shallow-repository)" = true ]; then fetch_args+=(--depth=1); fi
  git fetch "${fetch_args[@]}" "$remote" "refs/heads/$pr_branch"
  if [ "$(git rev-parse "$remote_head^{tree}")" = "$tree" ] &&
    [ "$(git cat-file commit "$remote_head" | sed -n 's/^parent //p')" = "$parent" ]; then
    same=1
  fi
fi
if [ -n "$same" ]; then
  say "$remote/$pr_branch already holds these changes: not pushed"
else
  # The lease fails the push if someone moved the branch since ls-remote looked at it.
  git push --quiet --force-with-lease="refs/heads/$pr_branch:$remote_head" \
    "$remote" "$commit:refs/heads/$pr_branch"
  say "pushed $pr_branch ($(git rev-parse --short "$commit"), ${#changed[@]} files) to $remote"
fi

# --- 4. The pull request: one per branch, found by its head ---------------------------------------

# `github METHOD PATH [JSON_FILE]`: the answer goes to $work/answer.json; an HTTP status other
# than 2xx fails with GitHub's message.
github() {
  local method="$1" path="$2" data="${3:-}" code
  local args=(--silent --show-error --request "$method" --output "$work/answer.json"
    --write-out '%{http_code}' --config -)
  if [ -n "$data" ]; then args+=(--header 'Content-Type: application/json' --data-binary "@$data"); fi
  code="$(printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl "${args[@]}" --header 'Accept: application/vnd.github+json' \
      --header 'X-GitHub-Api-Version: 2022-11-28' "$api_url$path")" ||
    fail 1 "GitHub API $method $path: no answer from $api_url"
  if [[ "$code" != 2?? ]]; then
    fail 1 "GitHub API $method $path answered $code: $(json 'return clean(data.message ?? data).slice(0, 500)' \
      "$work/answer.json" 2>/dev/null || head -c 300 "$work/answer.json" | tr -c '[:print:]' ' ')"
  fi
}

owner="${repository%%/*}"
github GET "/repos/$repository/pulls?head=$owner:$pr_branch&state=open&per_page=10"
number="$(json 'return Array.isArray(data) && data.length ? String(data[0].number) : ""' "$work/answer.json")"
[[ "$number" =~ ^[0-9]*$ ]] || fail 1 "GitHub's list of pull requests has no number"

# A new pull request names its head; an existing one keeps it.
head="$pr_branch"
if [ -n "$number" ]; then head=""; fi
json 'return JSON.stringify({
  title: args[0], body: require("node:fs").readFileSync(args[1], "utf8"), base: args[2],
  ...(args[3] ? { head: args[3] } : {}) })' \
  - "$pr_title" "$work/pr-body.md" "$base_branch" "$head" >"$work/pull.json"

if [ -n "$number" ]; then
  github PATCH "/repos/$repository/pulls/$number" "$work/pull.json"
  action=updated
else
  github POST "/repos/$repository/pulls" "$work/pull.json"
  number="$(json 'return String(data.number)' "$work/answer.json")"
  action=opened
fi
pr_url="$(json 'return clean(data.html_url)' "$work/answer.json")"
[[ "$number" =~ ^[0-9]+$ ]] || fail 1 "GitHub's answer has no pull request number"
if [ "$action" = opened ] && [ -n "$pr_labels" ]; then
  json 'return JSON.stringify({ labels: args[0].split(",").map(l => l.trim()).filter(Boolean) })' \
    - "$pr_labels" >"$work/labels.json"
  # A label is a nicety: failing to set one does not undo the pull request.
  (github POST "/repos/$repository/issues/$number/labels" "$work/labels.json") ||
    say "warning: the labels \"$pr_labels\" were not set"
fi
say "pull request #$number $action: $pr_url"
step_summary "Pull request #$number $action: $pr_url"
exit "$bump_status"
