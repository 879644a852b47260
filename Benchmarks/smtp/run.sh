#!/usr/bin/env bash
# SMTP benchmark: 100 deliveries of a 1 MiB file to the test stack's Postfix submission
# port (STARTTLS + AUTH), side by side, in alternating rounds:
#   handoff  100 outbox folders, then one `handoff run --once` (packaging, MIME, sending,
#            ledger: the whole pipeline), release build
#   curl     the same-size prebuilt message, one curl process, one reused connection
#            (the URL repeated with --next)
#   msmtp    the same message, one msmtp process per message (how it is normally used)
# Prints the median messages/second and the ratios (Handoff's rate / the other's: above 1
# means Handoff is faster), then the CPU each client used per message and what the whole
# machine used per message (the mail server's share is the difference), and last the
# peak RSS of `handoff run --once` sending the largest attachment the server takes
# (20 MiB raw; 30 MiB limit after base64).
#
# Environment:
#   HANDOFF_BENCH_COUNT    deliveries per run (default 100)
#   HANDOFF_BENCH_ROUNDS   rounds; each runs handoff, curl and msmtp once (default 3)
#   HANDOFF_BIN            a handoff binary to use instead of building one in release mode
#
# Starts the test stack when it is not running, and stops it again at the end only then.
# Empties the test stack's mailboxes after every round.
# msmtp is installed with apt when missing (the msmtp package alone, not msmtp-mta, so it
# never becomes the system's sendmail).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${HANDOFF_BENCH_COUNT:-100}"
rounds="${HANDOFF_BENCH_ROUNDS:-3}"
started_stack=no

if ! "$root/scripts/teststack" status >/dev/null 2>&1; then
  echo "starting the test stack..." >&2
  "$root/scripts/teststack" up >&2
  started_stack=yes
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/handoff-bench-smtp.XXXXXX")"
cleanup() {
  rm -rf "$work"
  # Only a stack this script started is emptied and stopped: someone else may be using theirs.
  if [ "$started_stack" = yes ]; then
    "$root/scripts/teststack" reset-mail >/dev/null 2>&1 || true
    "$root/scripts/teststack" down >&2 || true
  fi
}
trap cleanup EXIT

# shellcheck disable=SC1091
set -a; . "$root/var/teststack/env"; set +a

if ! command -v msmtp >/dev/null; then
  echo "installing msmtp..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends msmtp >/dev/null
fi
for tool in curl msmtp python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 69; }
done

if [ -z "${HANDOFF_BIN:-}" ]; then
  echo "building handoff (release)..." >&2
  (cd "$root" && swift build -c release --product handoff >&2)
  HANDOFF_BIN="$root/.build/release/handoff"
fi

rcpt="$TESTSTACK_CLIENT_USER"
from="$TESTSTACK_VA_USER"
export HANDOFF_BENCH_SMTP_PASSWORD="$TESTSTACK_VA_PASSWORD"

# A Handoff installation sending to the submission port.
setup_handoff() {
  local dir=$1
  mkdir -p "$dir/config" "$dir/outbox/acme"
  cat >"$dir/config/handoff.toml" <<TOML
[gateway]
data_dir = "var"
outbox = "outbox"
sender = "Pat Example <$from>"
workers = 4

[mail]
transport = "smtp"
url = "$TESTSTACK_SUBMISSION_URL"
username = "$from"
password = "env:HANDOFF_BENCH_SMTP_PASSWORD"
ca_file = "$TESTSTACK_CA_FILE"
max_attachment_mb = 100

[projects.acme]
name = "Acme Realty"
contacts = ["$rcpt"]
allow = ["acme.test"]
deliver = "email"
TOML
}

# Runs a command and appends "wall_seconds client_cpu_seconds machine_busy_seconds" to
# the file $1: the client's CPU from time(1), the whole machine's from /proc/stat (both
# cores, the mail server included).
measure() {
  local out=$1; shift
  local before after
  before=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat)
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@"
  after=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat)
  local ticks; ticks=$(getconf CLK_TCK)
  read -r wall user sys <"$work/time.txt"
  python3 -c "print($wall, $user + $sys, ($after - $before) / $ticks)" >>"$out"
}

# --- Handoff: outbox folders of one 1 MiB incompressible file each ---------------------
# A fresh installation per round, so every round queues, packages and sends all of them.
handoff_round() {
  local dir="$work/h$1"
  setup_handoff "$dir"
  for i in $(seq 1 "$count"); do
    mkdir -p "$dir/outbox/acme/photo-$i"
    head -c 1048576 /dev/urandom >"$dir/outbox/acme/photo-$i/photo.jpg"
    : >"$dir/outbox/acme/photo-$i/READY"
  done
  measure "$work/handoff.runs" "$HANDOFF_BIN" run --once --config "$dir/config/handoff.toml" >"$dir.out"
  local sent; sent=$(grep -c '  sent  ' "$dir.out" || true)
  [ "$sent" -eq "$count" ] || { echo "handoff sent $sent of $count" >&2; cat "$dir.out" >&2; exit 70; }
  rm -rf "$dir"
}

# --- The same-size message, prebuilt ----------------------------------------------------
python3 - "$work/msg.eml" "$from" "$rcpt" <<'PY'
import sys, os, email.message, email.utils
msg = email.message.EmailMessage()
msg["From"], msg["To"], msg["Subject"] = sys.argv[2], sys.argv[3], "Benchmark"
msg["Date"], msg["Message-ID"] = email.utils.formatdate(), email.utils.make_msgid(domain="va.test")
msg.set_content("Attached.\n")
msg.add_attachment(os.urandom(1048576), maintype="application", subtype="zip", filename="photo.zip")
open(sys.argv[1], "wb").write(msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))
PY

# --- curl: one process, one connection reused for every message -----------------------
curl_args=()
for i in $(seq 1 "$count"); do
  [ "$i" -gt 1 ] && curl_args+=(--next)
  curl_args+=(--ssl-reqd --cacert "$TESTSTACK_CA_FILE" --user "$from:$TESTSTACK_VA_PASSWORD"
              --mail-from "$from" --mail-rcpt "$rcpt" -T "$work/msg.eml" "$TESTSTACK_SUBMISSION_URL/va.test")
done

# --- msmtp: one process per message ----------------------------------------------------
cat >"$work/msmtprc" <<RC
account bench
host $TESTSTACK_HOST
port $TESTSTACK_SUBMISSION_PORT
tls on
tls_starttls on
tls_trust_file $TESTSTACK_CA_FILE
auth on
user $from
password $TESTSTACK_VA_PASSWORD
from $from
account default : bench
RC
chmod 600 "$work/msmtprc"
cat >"$work/msmtp-all" <<SH
#!/usr/bin/env bash
set -e
for i in \$(seq 1 $count); do msmtp -C "$work/msmtprc" "$rcpt" <"$work/msg.eml"; done
SH
chmod +x "$work/msmtp-all"

# Rounds, rotating which tool goes first, so neither always meets a warm or a busy server.
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds..." >&2
  case $((round % 3)) in
    1) handoff_round "$round"; measure "$work/curl.runs" curl -sS "${curl_args[@]}"; measure "$work/msmtp.runs" "$work/msmtp-all" ;;
    2) measure "$work/curl.runs" curl -sS "${curl_args[@]}"; measure "$work/msmtp.runs" "$work/msmtp-all"; handoff_round "$round" ;;
    0) measure "$work/msmtp.runs" "$work/msmtp-all"; handoff_round "$round"; measure "$work/curl.runs" curl -sS "${curl_args[@]}" ;;
  esac
  # Each round leaves 300 messages of 1.4 MB in the test mailboxes; emptied between rounds
  # so every round meets the same server (a benchmark is not run alongside the tests).
  "$root/scripts/teststack" reset-mail >/dev/null 2>&1 || true
done

# --- Peak memory: the largest attachment the server takes -------------------------------
setup_handoff "$work/big"
mkdir -p "$work/big/outbox/acme/video"
head -c $((20 * 1048576)) /dev/urandom >"$work/big/outbox/acme/video/cut.mp4"
: >"$work/big/outbox/acme/video/READY"
/usr/bin/time -f '%M' -o "$work/rss" "$HANDOFF_BIN" run --once --config "$work/big/config/handoff.toml" >"$work/big.out"
grep -q '  sent  ' "$work/big.out" || { echo "the 20 MiB delivery was not sent" >&2; cat "$work/big.out" >&2; exit 70; }
rss_mib=$(python3 -c "print(f'{$(cat "$work/rss") / 1024:.1f}')")

python3 - "$count" "$work" <<'PY'
import statistics, sys
count, work = int(sys.argv[1]), sys.argv[2]
runs = {}
for tool in ("handoff", "curl", "msmtp"):
    rows = [list(map(float, line.split())) for line in open(f"{work}/{tool}.runs")]
    wall = statistics.median(r[0] for r in rows)
    runs[tool] = dict(rate=count / wall, client=statistics.median(r[1] for r in rows) / count * 1000,
                      machine=statistics.median(r[2] for r in rows) / count * 1000, n=len(rows))
print(f"{'tool':<10} {'msgs/s':>8} {'client CPU ms/msg':>18} {'machine CPU ms/msg':>19}   (medians of {runs['handoff']['n']} runs)")
for tool, r in runs.items():
    print(f"{tool:<10} {r['rate']:>8.1f} {r['client']:>18.1f} {r['machine']:>19.1f}")
print(f"handoff / curl  = {runs['handoff']['rate'] / runs['curl']['rate']:.2f}")
print(f"handoff / msmtp = {runs['handoff']['rate'] / runs['msmtp']['rate']:.2f}")
server = runs['curl']['machine'] - runs['curl']['client']
print(f"the mail server's own CPU per message (curl runs, machine minus client): {server:.1f} ms")
PY
echo "peak RSS of handoff run --once, 20 MiB attachment: ${rss_mib} MiB (goal: under 64 MiB)"
