#!/usr/bin/env bash
# Inbox benchmark: 1,000 messages (a few KB each, every fifth with a 8-30 KB attachment)
# in a fresh mailbox on the test stack's Dovecot, read over imap:// with STARTTLS by:
#   mbsync   isync's mbsync, pulling the mailbox into a new local Maildir (what a user would
#            run to get mail onto disk)
#   handoff  `handoff inbox poll --once` with a config pointing at the same mailbox (the
#            whole ingest: fetch, parse, store); skipped with a note while that command
#            is not there
# Prints the median messages/second of each and the ratio (Handoff's rate / mbsync's:
# above 1 means Handoff is faster).
#
#   run.sh                 mbsync and the whole `handoff inbox poll --once`
#   run.sh --source-only   mbsync and Handoff's IMAP session alone (search, sizes, batched
#                          BODY.PEEK[] into one file per message), measured by the gated
#                          test IMAPInboxBenchmarkTests
#
# Environment:
#   HANDOFF_BENCH_COUNT    messages in the mailbox (default 1000)
#   HANDOFF_BENCH_ROUNDS   rounds; each runs mbsync and Handoff once (default 3)
#   HANDOFF_BIN            a handoff binary to use instead of building one in release mode
#   HANDOFF_BENCH_BUILD    for --source-only: debug (default; the tests as `swift build
#                          --build-tests` left them) or release (builds the tests in release)
#
# Starts the test stack when it is not running, and stops it again at the end only then.
# The benchmark's mailbox is deleted at the end. mbsync comes from apt (isync) when missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
count="${HANDOFF_BENCH_COUNT:-1000}"
rounds="${HANDOFF_BENCH_ROUNDS:-3}"
mode="${1:-full}"
case "$mode" in full|--source-only) ;; *) echo "usage: $0 [--source-only]" >&2; exit 64 ;; esac
started_stack=no
mailbox=""

if ! "$root/scripts/teststack" status >/dev/null 2>&1; then
  echo "starting the test stack..." >&2
  "$root/scripts/teststack" up >&2
  started_stack=yes
fi
# shellcheck disable=SC1091
set -a; . "$root/var/teststack/env"; set +a
work="$(mktemp -d "${TMPDIR:-/tmp}/handoff-bench-inbox.XXXXXX")"
cleanup() {
  if [ -n "$mailbox" ]; then
    python3 "$here/load.py" "$TESTSTACK_HOST" "$TESTSTACK_IMAP_PORT" "$TESTSTACK_VA_USER" "$TESTSTACK_VA_PASSWORD" \
      "$TESTSTACK_CA_FILE" --delete "$mailbox" || true
  fi
  rm -rf "$work"
  if [ "$started_stack" = yes ]; then "$root/scripts/teststack" down >&2 || true; fi
}
trap cleanup EXIT

if [ ! -x /usr/bin/mbsync ]; then
  echo "installing isync (mbsync)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends isync >/dev/null
fi
for tool in /usr/bin/mbsync python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 69; }
done

echo "loading $count messages..." >&2
mailbox="$(python3 "$here/load.py" "$TESTSTACK_HOST" "$TESTSTACK_IMAP_PORT" "$TESTSTACK_VA_USER" "$TESTSTACK_VA_PASSWORD" \
  "$TESTSTACK_CA_FILE" "$count")"
echo "mailbox: $mailbox" >&2

now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$1" "$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- mbsync -------------------------------------------------------------------------------
export HANDOFF_BENCH_IMAP_PASSWORD="$TESTSTACK_VA_PASSWORD"
# mbsync 1.4 matches only DNS names, not the certificate's IP address, against the host;
# a certificate listed in CertificateFile is trusted as it is, so it gets the server's own.
mbsync_round() {
  local dir="$work/mbsync-$1"
  mkdir -p "$dir/maildir"
  cat >"$dir/mbsyncrc" <<CFG
IMAPAccount bench
Host $TESTSTACK_HOST
Port $TESTSTACK_IMAP_PORT
User $TESTSTACK_VA_USER
PassCmd "printenv HANDOFF_BENCH_IMAP_PASSWORD"
SSLType STARTTLS
CertificateFile $TESTSTACK_DIR/tls/server.crt

IMAPStore remote
Account bench

MaildirStore local
Path $dir/maildir/
Inbox $dir/maildir/INBOX

Channel bench
Far :remote:$mailbox
Near :local:bench
Sync Pull
Create Near
SyncState *
CFG
  local start end
  start="$(now)"
  /usr/bin/mbsync -q -c "$dir/mbsyncrc" bench >&2
  end="$(now)"
  local got
  got="$(find "$dir/maildir/bench/new" "$dir/maildir/bench/cur" -type f | wc -l)"
  [ "$got" -eq "$count" ] || { echo "mbsync fetched $got of $count messages" >&2; exit 70; }
  python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end"
}

# --- Handoff, the IMAP session alone ----------------------------------------------------
source_round() {
  local build=()
  if [ "${HANDOFF_BENCH_BUILD:-debug}" = release ]; then build=(-c release -Xswiftc -enable-testing); fi
  local out
  out="$(cd "$root" && HANDOFF_BENCH_IMAP_MAILBOX="$mailbox" swift test "${build[@]}" --skip-build \
    --filter IMAPInboxBenchmarkTests 2>&1)" || { echo "$out" >&2; exit 70; }
  local line
  line="$(grep -o 'handoff-imap-source: .*' <<<"$out" | head -1)"
  [ -n "$line" ] || { echo "the benchmark test printed no rate:" >&2; echo "$out" >&2; exit 70; }
  local got
  got="$(awk '{ print $2 }' <<<"$line")"
  [ "$got" -eq "$count" ] || { echo "Handoff fetched $got of $count messages" >&2; exit 70; }
  awk '{ print $8 }' <<<"$line"
}

# --- Handoff, the whole poll ------------------------------------------------------------
poll_round() {
  local dir="$work/handoff-$1"
  mkdir -p "$dir/config" "$dir/outbox"
  local cfg="$dir/config/handoff.toml"
  cat >"$cfg" <<CFG
[gateway]
data_dir = "var"
outbox = "outbox"
sender = "VA <$TESTSTACK_VA_USER>"

[mail]
transport = "file"

[inbox]
address = ["$TESTSTACK_VA_USER"]

[[inbox.mailbox]]
name = "bench"
source = "imap://$TESTSTACK_HOST:$TESTSTACK_IMAP_PORT/$mailbox"
username = "$TESTSTACK_VA_USER"
password = "env:HANDOFF_BENCH_IMAP_PASSWORD"
ca_file = "$TESTSTACK_CA_FILE"
CFG
  local start end
  start="$(now)"
  # --config follows the subcommand, as for every handoff command.
  "$HANDOFF_BIN" inbox poll --once --config "$cfg" >"$dir/poll.log" 2>&1 || return 1
  end="$(now)"
  python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end"
}

if [ "$mode" = full ] && [ -z "${HANDOFF_BIN:-}" ]; then
  echo "building handoff (release)..." >&2
  (cd "$root" && swift build -c release --product handoff >&2)
  HANDOFF_BIN="$root/.build/release/handoff"
fi
if [ "$mode" = --source-only ]; then
  build=()
  if [ "${HANDOFF_BENCH_BUILD:-debug}" = release ]; then build=(-c release -Xswiftc -enable-testing); fi
  echo "building the tests (${HANDOFF_BENCH_BUILD:-debug})..." >&2
  (cd "$root" && swift build "${build[@]}" --build-tests >&2)
fi

mbsync_rates=()
handoff_rates=()
handoff_note=""
run_mbsync() {
  local seconds
  sync
  seconds="$(mbsync_round "$1")"
  mbsync_rates+=("$(rate "$count" "$seconds")")
}
run_handoff() {
  local seconds
  sync
  if [ "$mode" = --source-only ]; then
    handoff_rates+=("$(source_round)")
  elif [ -z "$handoff_note" ]; then
    if seconds="$(poll_round "$1")"; then
      handoff_rates+=("$(rate "$count" "$seconds")")
    else
      handoff_note="the command failed, its last lines are above; only mbsync was measured"
      tail -5 "$work/handoff-$1/poll.log" >&2 || true
    fi
  fi
}
# The order alternates, so neither tool always meets the disk the other just wrote to.
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    run_mbsync "$round"; run_handoff "$round"
  else
    run_handoff "$round"; run_mbsync "$round"
  fi
  echo "round $round: mbsync ${mbsync_rates[-1]} msg/s${handoff_rates[*]:+, handoff ${handoff_rates[-1]} msg/s}" >&2
done

mbsync_median="$(median "${mbsync_rates[@]}")"
what="handoff inbox poll --once"
[ "$mode" = --source-only ] && what="handoff IMAP session (${HANDOFF_BENCH_BUILD:-debug} build)"
echo "inbox: $count messages, $rounds rounds, median messages/second"
printf '  %-44s %10s\n' "mbsync (isync)" "$mbsync_median"
if [ ${#handoff_rates[@]} -gt 0 ]; then
  handoff_median="$(median "${handoff_rates[@]}")"
  printf '  %-44s %10s\n' "$what" "$handoff_median"
  python3 -c "import sys; print(f'  ratio (Handoff / mbsync): {float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$handoff_median" "$mbsync_median"
else
  echo "  $what: not measured ($handoff_note)"
fi
