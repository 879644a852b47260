#!/usr/bin/env bash
# Packaging benchmark: `handoff package` against the tools a user would reach for instead
# (bsdtar for zip, GNU tar with zstd for tar.zst), on the same folder, in one run,
# alternating which goes first each round. Prints median seconds, MiB/s and the ratio
# (other tool's time / Handoff's time: above 1 means Handoff is faster), then the peak
# memory of `handoff package` on a single large file.
#
# Environment:
#   HANDOFF_BENCH_MIB      size of the mixed folder in MiB (default 300)
#   HANDOFF_BENCH_ROUNDS   timed rounds per pair (default 3)
#   HANDOFF_BENCH_BIG_MIB  size of the single file for the memory check (default 1024)
#   HANDOFF_BENCH_DIR      where to put the data (default: a new temporary folder, removed at the end)
#   HANDOFF_BIN            a handoff binary to use instead of building one in release mode
#
# The mixed folder is shaped like a VA's deliverable, by bytes: about 15% prose, 15% CSV
# exports, 50% incompressible data (scans, recordings: random bytes under .bin) and 20%
# photos (random bytes under .jpg), plus 200 small notes.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
size_mib="${HANDOFF_BENCH_MIB:-300}"
rounds="${HANDOFF_BENCH_ROUNDS:-3}"
big_mib="${HANDOFF_BENCH_BIG_MIB:-1024}"

# shellcheck source=../lib.sh
. "$root/Benchmarks/lib.sh"
require_tools bsdtar tar zstd python3
bench_workdir package
release_binary handoff HANDOFF_BIN

# --- the mixed folder -------------------------------------------------------------------
data="$work/deliverable"
marker="$work/.deliverable-${size_mib}-complete"
if [ ! -f "$marker" ]; then
  echo "generating a ${size_mib} MiB mixed folder in $data..." >&2
  rm -rf "$data"
  mkdir -p "$data/reports" "$data/exports" "$data/media" "$data/photos" "$data/notes"
  python3 - "$data" "$size_mib" <<'PY'
import os, random, sys
root, total = sys.argv[1], int(sys.argv[2]) << 20
rng = random.Random(20250101)
# Prose from a vocabulary with a skewed word frequency, like real text (deflates ~3x).
vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 11))) for _ in range(8000)]
weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
def prose(size):
    out, length = [], 0
    while length < size:
        words = rng.choices(vocabulary, weights, k=rng.randint(6, 18))
        line = " ".join(words).capitalize() + ".\n"
        out.append(line)
        length += len(line)
    return "".join(out)
def csv(size):
    out, length, row = ["date,invoice,client,hours,rate,amount,status\n"], 0, 0
    while length < size:
        hours = rng.randint(1, 80) / 4
        line = f"2025-{rng.randint(1,12):02d}-{rng.randint(1,28):02d},INV-{100000+row},{rng.choice(vocabulary[:300])},{hours},{rng.choice([35,45,60])},{hours*45:.2f},{rng.choice(['paid','open','late'])}\n"
        out.append(line)
        length += len(line)
        row += 1
    return "".join(out)
def write(path, text):
    with open(os.path.join(root, path), "w") as f:
        f.write(text)
for i in range(6):
    write(f"reports/report-{i}.txt", prose(total * 15 // 100 // 6))
for i in range(4):
    write(f"exports/export-{i}.csv", csv(total * 15 // 100 // 4))
for i in range(200):
    write(f"notes/note-{i:03d}.md", prose(rng.randint(2000, 20000)))
PY
  per_bin=$(( size_mib * 50 / 100 / 5 ))
  for i in 1 2 3 4 5; do head -c "${per_bin}M" /dev/urandom > "$data/media/recording-$i.bin"; done
  per_jpg=$(( size_mib * 20 / 100 / 10 ))
  for i in $(seq 1 10); do head -c "${per_jpg}M" /dev/urandom > "$data/photos/IMG_$((4000 + i)).jpg"; done
  touch "$marker"
fi
data_bytes=$(find "$data" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
data_mib=$(python3 -c "print(f'{$data_bytes / 1048576:.0f}')")

# --- timing -----------------------------------------------------------------------------
# seconds COMMAND...: runs it with output discarded, prints wall-clock seconds. Dirty pages
# left by the previous run are flushed first, so no run pays for another's writeback.
seconds() {
  local start end
  sync
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/last-error" || { echo "failed: $*" >&2; cat "$work/last-error" >&2; exit 70; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

results=()
# pair LABEL HANDOFF_OUTPUT OTHER_LABEL OTHER_OUTPUT -- handoff args -- other command
pair() {
  local label="$1" h_out="$2" o_label="$3" o_out="$4"
  shift 4
  local h_args=() o_cmd=()
  while [ "$1" != "--" ]; do h_args+=("$1"); shift; done
  shift
  o_cmd=("$@")
  local h_times=() o_times=()
  for round in $(seq 1 "$rounds"); do
    rm -f "$h_out" "$o_out"
    if [ $((round % 2)) -eq 1 ]; then
      h_times+=("$(cd "$work" && seconds "$HANDOFF_BIN" package deliverable -o "$h_out" "${h_args[@]}")")
      o_times+=("$(cd "$work" && seconds "${o_cmd[@]}")")
    else
      o_times+=("$(cd "$work" && seconds "${o_cmd[@]}")")
      h_times+=("$(cd "$work" && seconds "$HANDOFF_BIN" package deliverable -o "$h_out" "${h_args[@]}")")
    fi
  done
  local h o
  h=$(median "${h_times[@]}")
  o=$(median "${o_times[@]}")
  local h_size o_size
  h_size=$(stat -c %s "$h_out")
  o_size=$(stat -c %s "$o_out")
  results+=("$(python3 -c "
mib = $data_bytes / 1048576
print(f'{\"$label\":<34} {$h:>8.2f} {mib / $h:>8.1f} {$h_size / 1048576:>9.1f}   {\"$o_label\":<22} {$o:>8.2f} {mib / $o:>8.1f} {$o_size / 1048576:>9.1f}   {$o / $h:>5.2f}x')
")")
  rm -f "$h_out" "$o_out"
}

echo "folder: $data_mib MiB mixed, $rounds rounds per pair, medians" >&2
pair "handoff zip --compress always" "$work/h-always.zip" "bsdtar -a -cf x.zip" "$work/b-always.zip" \
  --compress always -- bsdtar -a -cf "$work/b-always.zip" deliverable
pair "handoff zip (auto)" "$work/h-auto.zip" "bsdtar -a -cf x.zip" "$work/b-auto.zip" \
  -- bsdtar -a -cf "$work/b-auto.zip" deliverable
pair "handoff tar.zst" "$work/h.tar.zst" "tar --zstd -cf" "$work/t.tar.zst" \
  --format tar.zst -- tar --zstd -cf "$work/t.tar.zst" deliverable

printf '\n%-34s %8s %8s %9s   %-22s %8s %8s %9s   %6s\n' "Handoff" "median s" "MiB/s" "out MiB" "other" "median s" "MiB/s" "out MiB" "ratio"
printf '%s\n' "${results[@]}"
echo "(ratio = other tool's time / Handoff's time; above 1.00 means Handoff is faster)"

# --- memory on one large file -------------------------------------------------------------
big="$work/big"
mkdir -p "$big"
if [ ! -f "$big/one-large-file.bin" ] || [ "$(stat -c %s "$big/one-large-file.bin")" -ne $((big_mib << 20)) ]; then
  head -c "${big_mib}M" /dev/urandom > "$big/one-large-file.bin"
fi

# peak_rss_kib COMMAND...: the command's peak resident memory in KiB.
peak_rss_kib() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null
    tail -n 1 "$work/rss"
  else
    # No GNU time: poll VmHWM (the kernel's own high-water mark) until the process ends.
    "$@" >/dev/null &
    local pid=$! peak=0 value
    while kill -0 "$pid" 2>/dev/null; do
      value=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$value" ] && [ "$value" -gt "$peak" ] && peak=$value
      sleep 0.05
    done
    wait "$pid"
    echo "$peak"
  fi
}

echo
for args in "" "--compress always" "--format tar.zst" "--format tar.gz"; do
  out="$big/out.$( [ -z "$args" ] || [ "$args" = "--compress always" ] && echo zip || echo "${args#--format }")"
  # shellcheck disable=SC2086 # the arguments are split on purpose
  kib=$(peak_rss_kib "$HANDOFF_BIN" package "$big/one-large-file.bin" -o "$out" $args)
  rm -f "$out"
  printf 'peak RSS, handoff package of one %d MiB file %-18s %6.1f MiB (limit 64)\n' "$big_mib" "${args:-(defaults)}" "$(python3 -c "print($kib / 1024)")"
done
