#!/usr/bin/env bash
# Inbound parse benchmark: `handoff-parse` (GMime through HandoffInbound) against Python's
# `email` package (policy default, every leaf part decoded and written to a file), on the
# same generated mailbox, in one run. Prints MB/s of each and the ratio, then the peak
# memory of both on one large message.
#
# Environment:
#   HANDOFF_BENCH_MESSAGES  messages in the mailbox (default 3000)
#   HANDOFF_BENCH_BIG_MIB   size of the large message's attachment in MiB (default 100)
#   HANDOFF_BENCH_ROUNDS    timed rounds of each parser, alternating which goes first (default 3)
#   HANDOFF_BENCH_DIR       where to put the data (default: a new temporary folder, removed at the end)
#   HANDOFF_PARSE_BIN       a handoff-parse binary to use instead of building one in release mode
#
# The mailbox is shaped like a VA's inbox, by count: 80% text mails of 0.5 to 20 KB (half
# with an HTML alternative), 19% with one or two attachments of 10 to 300 KiB (base64), and
# 1% with a 2 to 6 MiB attachment: about 350 MB for 3000 messages. Attachments are random
# bytes, as scans and photos are.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${HANDOFF_BENCH_MESSAGES:-3000}"
big_mib="${HANDOFF_BENCH_BIG_MIB:-100}"
rounds="${HANDOFF_BENCH_ROUNDS:-3}"

# shellcheck source=../lib.sh
. "$root/Benchmarks/lib.sh"
require_tools python3
bench_workdir parse
release_binary handoff-parse HANDOFF_PARSE_BIN

# --- the mailbox ------------------------------------------------------------------------
mailbox="$work/mailbox"
marker="$work/.mailbox-${count}-complete"
if [ ! -f "$marker" ]; then
  echo "generating $count messages in $mailbox..." >&2
  rm -rf "$mailbox"
  mkdir -p "$mailbox"
  python3 - "$mailbox" "$count" <<'PY'
import base64, os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261202)
words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10))) for _ in range(3000)]
def prose(size):
    out, length = [], 0
    while length < size:
        line = " ".join(rng.choices(words, k=rng.randint(6, 14))).capitalize() + ".\n"
        out.append(line)
        length += len(line)
    return "".join(out)
def b64(data):
    text = base64.b64encode(data).decode()
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76)) + "\n"
for n in range(count):
    head = (f"From: Client {n % 40} <client{n % 40}@acme.test>\nTo: pat@va.example\nSubject: Request {n}\n"
            f"Date: Wed, 02 Dec 2026 10:{n % 60:02d}:00 +0000\nMessage-ID: <bench-{n}@acme.test>\nMIME-Version: 1.0\n")
    text = prose(rng.randint(500, 20000))
    roll = rng.random()
    if roll < 0.80:
        if rng.random() < 0.5:
            body = 'Content-Type: text/plain; charset=utf-8\n\n' + text
        else:
            html = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</body></html>\n"
            body = ('Content-Type: multipart/alternative; boundary="alt"\n\n--alt\nContent-Type: text/plain; charset=utf-8\n\n'
                    + text + "--alt\nContent-Type: text/html; charset=utf-8\n\n" + html + "--alt--\n")
    else:
        sizes = [rng.randint(10 << 10, 300 << 10) for _ in range(rng.randint(1, 2))] if roll < 0.99 else [rng.randint(2 << 20, 6 << 20)]
        body = 'Content-Type: multipart/mixed; boundary="mix"\n\n--mix\nContent-Type: text/plain; charset=utf-8\n\n' + text
        for i, size in enumerate(sizes):
            body += (f'--mix\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="scan-{n}-{i}.pdf"\n'
                     "Content-Transfer-Encoding: base64\n\n" + b64(os.urandom(size)))
        body += "--mix--\n"
    with open(os.path.join(root, f"{n:05d}.eml"), "w") as f:
        f.write(head + body)
PY
  touch "$marker"
fi
mailbox_bytes=$(find "$mailbox" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')

# The same work in Python: parse with policy default, decode every leaf part to a file.
cat > "$work/python-parse.py" <<'PY'
import email, email.policy, os, sys, tempfile
out = tempfile.mkdtemp(prefix="py-parse-")
parts = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        with open(os.path.join(out, f"{parts}"), "wb") as f:
            f.write(payload)
        parts += 1
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
os.rmdir(out)
print(parts)
PY

# seconds COMMAND...: wall-clock seconds of the command, output discarded.
seconds() {
  local start end
  sync
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/last-error" || { echo "failed: $1 $2 ..." >&2; cat "$work/last-error" >&2; exit 70; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

cd "$mailbox"
files=(*.eml)
# Read once so both runs find the files in the page cache.
cat "${files[@]}" >/dev/null
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
h_times=()
p_times=()
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    h_times+=("$(seconds "$HANDOFF_PARSE_BIN" "${files[@]}")")
    p_times+=("$(seconds python3 "$work/python-parse.py" "${files[@]}")")
  else
    p_times+=("$(seconds python3 "$work/python-parse.py" "${files[@]}")")
    h_times+=("$(seconds "$HANDOFF_PARSE_BIN" "${files[@]}")")
  fi
done
h=$(median "${h_times[@]}")
p=$(median "${p_times[@]}")
python3 -c "
mb = $mailbox_bytes / 1e6
print(f'mailbox: {len(\"${files[*]}\".split())} messages, {mb:.1f} MB, median of $rounds rounds')
print(f'handoff-parse  {$h:8.2f} s  {mb / $h:8.1f} MB/s')
print(f'python email   {$p:8.2f} s  {mb / $p:8.1f} MB/s')
print(f'ratio (python time / handoff time): {$p / $h:.2f}x  (goal: 5x or more)')
"

# --- memory on one large message ----------------------------------------------------------
big="$work/big.eml"
if [ ! -f "$big" ]; then
  python3 - "$big" "$big_mib" <<'PY'
import base64, os, sys
path, mib = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write('From: client@acme.test\nTo: pat@va.example\nSubject: One big scan\nMIME-Version: 1.0\n'
            'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nThe scan.\n'
            '--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="big.pdf"\n'
            'Content-Transfer-Encoding: base64\n\n')
    chunk = 57 * 1024  # a multiple of 57 bytes: 76-character lines stay whole across chunks
    left = mib << 20
    while left > 0:
        data = os.urandom(min(chunk, left))
        text = base64.b64encode(data).decode()
        f.write("\n".join(text[i:i + 76] for i in range(0, len(text), 76)) + "\n")
        left -= len(data)
    f.write("--b--\n")
PY
fi
big_size=$(stat -c %s "$big")
peak_rss_kib() {
  /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null
  tail -n 1 "$work/rss"
}
if [ -x /usr/bin/time ]; then
  h_kib=$(peak_rss_kib "$HANDOFF_PARSE_BIN" --max-mb $((big_mib * 2)) "$big")
  p_kib=$(peak_rss_kib python3 "$work/python-parse.py" "$big")
  python3 -c "
print(f'peak RSS on one {$big_size / 1e6:.0f} MB message: handoff-parse {$h_kib / 1024:.1f} MiB, python email {$p_kib / 1024:.1f} MiB')
"
else
  echo "no /usr/bin/time: peak RSS not measured (apt-get install time)" >&2
fi
