#!/usr/bin/env bash
# Receipts and time reports at scale: one project with 10,000 handoffs and 50,000 time
# entries. Times `handoff receipts` in every format and `handoff ledger verify` (goal:
# each under 1 s), `handoff clock in` as a whole process (goal: under 50 ms), and
# `handoff time report` against Timewarrior's `timew summary` over the same entries
# (goal: at least as fast). Release build; best of several runs, because these machines
# are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/../.."

ENTRIES=${ENTRIES:-50000}
HANDOFFS=${HANDOFFS:-10000}
RUNS=${RUNS:-5}

if ! command -v timew >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends timewarrior >/dev/null
fi
command -v sqlite3 >/dev/null || scripts/setup

swift build -c release --product handoff >/dev/null
handoff="$(swift build -c release --show-bin-path)/handoff"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/config"
cat > "$work/config/handoff.toml" <<TOML
[gateway]
data_dir = "var"
sender = "Pat Example <pat@va.example>"

[projects.bench]
name = "Bench Co"
contacts = ["client@bench.example"]
allow = ["bench.example"]
retainer_hours = 60
rounding_minutes = 6
TOML
export HANDOFF_CONFIG="$work/config/handoff.toml" TZ=UTC

echo "seeding $ENTRIES entries and $HANDOFFS handoffs…"
python3 Benchmarks/receipts/seed.py csv "$work/toggl.csv" "$ENTRIES"
"$handoff" time import "$work/toggl.csv" --from-format toggl -p bench >/dev/null
python3 Benchmarks/receipts/seed.py handoffs "$work/var/handoff.sqlite" bench "$HANDOFFS" $((ENTRIES / HANDOFFS))
export TIMEWARRIORDB="$work/timew"
python3 Benchmarks/receipts/seed.py timew "$work/var/handoff.sqlite" "$TIMEWARRIORDB"

# Best wall time in milliseconds of $RUNS runs of a command (output discarded).
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local start end ms
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

status=0
check() { # name ms goal
  local verdict="ok"
  if [ "$2" -ge "$3" ]; then verdict="OVER GOAL"; status=1; fi
  printf '%-34s %6d ms   (goal < %d ms)  %s\n' "$1" "$2" "$3" "$verdict"
}

"$handoff" ledger verify -p bench >/dev/null
for format in md html csv json; do
  check "handoff receipts --format $format" "$(best "$handoff" receipts bench --format "$format")" 1000
done
check "handoff ledger verify" "$(best "$handoff" ledger verify -p bench)" 1000

clock_best=""
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N); "$handoff" clock in bench >/dev/null; end=$(date +%s%N)
  "$handoff" clock out >/dev/null
  ms=$(( (end - start) / 1000000 ))
  if [ -z "$clock_best" ] || [ "$ms" -lt "$clock_best" ]; then clock_best=$ms; fi
done
check "handoff clock in (whole process)" "$clock_best" 50

ours=$(best "$handoff" time report -p bench)
theirs=$(best timew summary 2019-01-01 - 2031-01-01)
printf '%-34s %6d ms\n' "handoff time report" "$ours"
printf '%-34s %6d ms\n' "timew summary (same entries)" "$theirs"
ratio=$(python3 -c "print(f'{$theirs / max($ours, 1):.1f}')")
echo "time report vs timew summary: handoff is ${ratio}x as fast (goal: at least 1.0x)"
python3 -c "import sys; sys.exit(0 if $ours <= $theirs else 1)" || status=1
exit $status
