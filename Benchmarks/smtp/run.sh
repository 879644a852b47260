#!/usr/bin/env bash
# SMTP benchmark: 100 deliveries of a 1 MiB file to the test stack's Postfix submission
# port (STARTTLS + AUTH), side by side:
#   handoff  100 outbox folders, then one `handoff run --once` (packaging, MIME, sending,
#            ledger: the whole pipeline), release build
#   curl     the same-size prebuilt message, one curl process, one reused connection
#            (the URL repeated with --next)
#   msmtp    the same message, one msmtp process per message (how it is normally used)
# Prints messages/second and the ratios (Handoff's rate / the other's: above 1 means
# Handoff is faster), then the peak RSS of `handoff run --once` sending the largest
# attachment the server takes (20 MiB raw; 30 MiB limit after base64).
#
# Environment:
#   HANDOFF_BENCH_COUNT   deliveries per tool (default 100)
#   HANDOFF_BIN           a handoff binary to use instead of building one in release mode
#
# Starts the test stack when it is not running, and stops it again at the end only then.
# msmtp is installed with apt when missing (the msmtp package alone, not msmtp-mta, so it
# never becomes the system's sendmail).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${HANDOFF_BENCH_COUNT:-100}"
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
for tool in curl msmtp python3; do
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

seconds() { python3 -c 'import time; print(time.monotonic())'; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):.1f}')"; }

# --- Handoff: 100 outbox folders of one 1 MiB incompressible file each -----------------
setup_handoff "$work/h"
for i in $(seq 1 "$count"); do
  mkdir -p "$work/h/outbox/acme/photo-$i"
  head -c 1048576 /dev/urandom >"$work/h/outbox/acme/photo-$i/photo.jpg"
  : >"$work/h/outbox/acme/photo-$i/READY"
done
t0=$(seconds)
"$HANDOFF_BIN" run --once --config "$work/h/config/handoff.toml" >"$work/h.out"
t1=$(seconds)
sent=$(grep -c '  sent  ' "$work/h.out" || true)
[ "$sent" -eq "$count" ] || { echo "handoff sent $sent of $count" >&2; cat "$work/h.out" >&2; exit 70; }
handoff_rate=$(rate "$count" "$t0" "$t1")

# --- The same-size message, prebuilt: one of the messages Handoff just sent ------------
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
args=()
for i in $(seq 1 "$count"); do
  [ "$i" -gt 1 ] && args+=(--next)
  args+=(--ssl-reqd --cacert "$TESTSTACK_CA_FILE" --user "$from:$TESTSTACK_VA_PASSWORD"
         --mail-from "$from" --mail-rcpt "$rcpt" -T "$work/msg.eml" "$TESTSTACK_SUBMISSION_URL/va.test")
done
t0=$(seconds)
curl -sS "${args[@]}"
t1=$(seconds)
curl_rate=$(rate "$count" "$t0" "$t1")

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
t0=$(seconds)
for i in $(seq 1 "$count"); do
  msmtp -C "$work/msmtprc" "$rcpt" <"$work/msg.eml"
done
t1=$(seconds)
msmtp_rate=$(rate "$count" "$t0" "$t1")

# --- Peak memory: the largest attachment the server takes -------------------------------
setup_handoff "$work/big"
mkdir -p "$work/big/outbox/acme/video"
head -c $((20 * 1048576)) /dev/urandom >"$work/big/outbox/acme/video/cut.mp4"
: >"$work/big/outbox/acme/video/READY"
/usr/bin/time -f '%M' -o "$work/rss" "$HANDOFF_BIN" run --once --config "$work/big/config/handoff.toml" >"$work/big.out"
grep -q '  sent  ' "$work/big.out" || { echo "the 20 MiB delivery was not sent" >&2; cat "$work/big.out" >&2; exit 70; }
rss_mib=$(python3 -c "print(f'{$(cat "$work/rss") / 1024:.1f}')")

printf '%-10s %10s\n' tool 'msgs/s'
printf '%-10s %10s\n' handoff "$handoff_rate" curl "$curl_rate" msmtp "$msmtp_rate"
python3 -c "print(f'handoff / curl  = {$handoff_rate / $curl_rate:.2f}'); print(f'handoff / msmtp = {$handoff_rate / $msmtp_rate:.2f}')"
echo "peak RSS of handoff run --once, 20 MiB attachment: ${rss_mib} MiB (goal: under 64 MiB)"
