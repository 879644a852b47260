# Shared set-up for the benchmark scripts (sourced, not run): the tools a script needs, its
# working folder, and a release build of the binary it measures.

# require_tools TOOL...: exits 69 naming the first tool that is missing.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (run scripts/setup)" >&2; exit 69; }
  done
}

# bench_workdir NAME: sets `work` to $HANDOFF_BENCH_DIR (kept), or to a new temporary
# folder removed when the script exits.
bench_workdir() {
  if [ -n "${HANDOFF_BENCH_DIR:-}" ]; then
    work="$HANDOFF_BENCH_DIR"
    mkdir -p "$work"
  else
    work="$(mktemp -d "${TMPDIR:-/tmp}/handoff-bench-$1.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
  fi
}

# release_binary PRODUCT VARIABLE: unless VARIABLE already names a binary, builds PRODUCT
# in release mode and sets VARIABLE to it; then makes the path absolute, since the runs
# happen in other folders.
release_binary() {
  local product="$1" variable="$2" path
  path="${!variable:-}"
  if [ -z "$path" ]; then
    echo "building $product (release)..." >&2
    (cd "$root" && swift build -c release --product "$product" >&2)
    path="$root/.build/release/$product"
  fi
  [ -x "$path" ] || { echo "no $product binary at $path" >&2; exit 69; }
  printf -v "$variable" '%s' "$(cd "$(dirname "$path")" && pwd)/$(basename "$path")"
}
