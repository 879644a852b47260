#!/usr/bin/env bash
# Pipeline benchmark: 100 small deliveries (one 4 KiB text file each) through the whole
# pipeline on the file transport (queue, package, hash, MIME, ledger, the .eml written),
# with `handoff run --once`, side by side in alternating rounds with:
#   by-hand   what a VA would otherwise do per folder: bsdtar -a -cf (zip) and sha256sum of
#             the archive, one process each (no message, no ledger: a floor, not a rival)
#   baseline  optionally, a second Handoff build (HANDOFF_BASELINE_BIN), to measure a change
#             before and after on the same machine in the same run
# Prints the median deliveries/second of each and the ratios.
#
# Environment:
#   HANDOFF_BENCH_COUNT     deliveries per run (default 100)
#   HANDOFF_BENCH_ROUNDS    rounds (default 5)
#   HANDOFF_BIN             the handoff binary to measure (default: a release build)
#   HANDOFF_BASELINE_BIN    an earlier handoff binary to compare with (optional)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${HANDOFF_BENCH_COUNT:-100}"
rounds="${HANDOFF_BENCH_ROUNDS:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handoff-bench-pipeline.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for tool in bsdtar sha256sum python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (scripts/setup --tests installs it)" >&2; exit 69; }
done
if [ -z "${HANDOFF_BIN:-}" ]; then
  echo "building handoff (release)..." >&2
  (cd "$root" && swift build -c release --product handoff >&2)
  HANDOFF_BIN="$root/.build/release/handoff"
fi

# A fresh installation with `count` ready outbox folders.
prepare() {
  local dir=$1
  mkdir -p "$dir/config" "$dir/outbox/acme"
  cat >"$dir/config/handoff.toml" <<TOML
[gateway]
data_dir = "var"
outbox = "outbox"
sender = "Pat Example <pat@va.test>"

[mail]
transport = "file"

[projects.acme]
name = "Acme Realty"
contacts = ["dana@acme.test"]
allow = ["acme.test"]
deliver = "email"
TOML
  for i in $(seq 1 "$count"); do
    mkdir -p "$dir/outbox/acme/note-$i"
    head -c 3072 /dev/urandom | base64 >"$dir/outbox/acme/note-$i/note.txt"
    : >"$dir/outbox/acme/note-$i/READY"
  done
}

# Appends the wall seconds of one command to the file $1.
measure() {
  local out=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  python3 -c "print($end - $start)" >>"$out"
}

handoff_round() {
  local name=$1 bin=$2 dir="$work/$1-$3"
  prepare "$dir"
  measure "$work/$name.runs" "$bin" run --once --config "$dir/config/handoff.toml" >"$dir.out"
  local sent; sent=$(grep -c '  sent  ' "$dir.out" || true)
  [ "$sent" -eq "$count" ] || { echo "$name sent $sent of $count" >&2; cat "$dir.out" >&2; exit 70; }
  rm -rf "$dir"
}

by_hand_round() {
  local dir="$work/hand-$1"
  prepare "$dir"
  cat >"$dir/all.sh" <<SH
#!/usr/bin/env bash
set -e
cd "$dir/outbox/acme"
for i in \$(seq 1 $count); do bsdtar -a -cf "note-\$i.zip" "note-\$i"; sha256sum "note-\$i.zip" >/dev/null; done
SH
  measure "$work/by-hand.runs" bash "$dir/all.sh"
  rm -rf "$dir"
}

tools=(handoff by-hand)
[ -n "${HANDOFF_BASELINE_BIN:-}" ] && tools+=(baseline)
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds..." >&2
  # Rotate the order so that no tool always runs first (or last) on a warm machine.
  order=("${tools[@]:round % ${#tools[@]}}" "${tools[@]:0:round % ${#tools[@]}}")
  for tool in "${order[@]}"; do
    case $tool in
      handoff) handoff_round handoff "$HANDOFF_BIN" "$round" ;;
      baseline) handoff_round baseline "$HANDOFF_BASELINE_BIN" "$round" ;;
      by-hand) by_hand_round "$round" ;;
    esac
  done
done

python3 - "$count" "$work" "${tools[@]}" <<'PY'
import statistics, sys
count, work, tools = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
rate = {}
for tool in tools:
    runs = [float(line) for line in open(f"{work}/{tool}.runs")]
    rate[tool] = count / statistics.median(runs)
    print(f"{tool:<10} {rate[tool]:>8.1f} deliveries/s   (median of {len(runs)} runs: {statistics.median(runs):.2f} s)")
print(f"handoff / by-hand  = {rate['handoff'] / rate['by-hand']:.2f}")
if "baseline" in rate:
    print(f"handoff / baseline = {rate['handoff'] / rate['baseline']:.2f}")
PY
