#!/usr/bin/env python3
"""Seeds a benchmark store: a Toggl-shaped CSV of time entries (imported by
`handoff time import`), then handoffs, packages, their billed entries and a valid
hash-chained ledger written straight into SQLite, and the same entries as
Timewarrior data files.

usage: seed.py csv OUT.csv ENTRIES
       seed.py handoffs DB PROJECT HANDOFFS ENTRIES_PER_HANDOFF
       seed.py timew DB_FOLDER OUT_DIR
"""
import csv, datetime as dt, hashlib, json, os, sqlite3, sys

START = dt.datetime(2020, 1, 6, 8, 0)  # a Monday, local time of the benchmark zone (UTC)
PER_DAY = 20
MINUTES, GAP = 20, 4


def entry_times(index):
    day, slot = divmod(index, PER_DAY)
    start = START + dt.timedelta(days=day, minutes=slot * (MINUTES + GAP))
    return start, start + dt.timedelta(minutes=MINUTES)


def write_csv(path, count):
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
                    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)"])
        for i in range(count):
            s, e = entry_times(i)
            w.writerow(["Pat Example", "pat@va.example", "Bench Co", "Bench", "", f"task {i % 97}", "Yes",
                        s.strftime("%Y-%m-%d"), s.strftime("%H:%M:%S"), e.strftime("%Y-%m-%d"),
                        e.strftime("%H:%M:%S"), f"00:{MINUTES:02d}:00", "", "0"])


def stamp(t):
    """How GRDB stores a Date: UTC text with milliseconds."""
    return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d}"


def canonical(project, seq, handoff, kind, millis, detail):
    text = ""
    for name, value in (("project", project), ("seq", str(seq)), ("handoff", handoff), ("kind", kind),
                        ("at", str(millis)), ("detail", detail)):
        text += f"{name}={len(value.encode())}:{value}\n"
    return text.encode()


def seed_handoffs(db, project, count, per):
    con = sqlite3.connect(db)
    cur = con.cursor()
    seq, prev = 0, "0" * 64
    ids = [r[0] for r in cur.execute("SELECT id FROM timeEntry WHERE projectId = ? ORDER BY startedAt", (project,))]
    epoch = dt.datetime(1970, 1, 1)
    for n in range(count):
        hid = "H-" + format(n, "010d")
        billed = ids[n * per:(n + 1) * per]
        _, end = entry_times((n + 1) * per - 1)
        created = end + dt.timedelta(minutes=1)
        sent = created + dt.timedelta(seconds=30)
        rcpt = json.dumps({"bcc": [], "cc": [], "to": ["client@bench.example"]}, sort_keys=True, separators=(",", ":"))
        cur.execute("INSERT INTO handoff VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (hid, project, "path", f"/srv/deliverables/job-{n}", rcpt, "auto", "email", None, None, 0, "sent",
                     f"<{hid}.X@va.example>", "250 2.0.0 Ok: queued", None, None, None, stamp(created), stamp(sent), stamp(sent)))
        sha = hashlib.sha256(hid.encode()).hexdigest()
        cur.execute("INSERT INTO package VALUES (?,?,?,?,?,?,?,?,?)",
                    (hid, f"/var/packages/{hid}/job-{n}.zip", f"job-{n}.zip", "zip", 20000 + n, sha,
                     '{"files":[],"name":"job"}', None, stamp(created)))
        cur.executemany("INSERT INTO handoffTimeEntry VALUES (?,?)", [(hid, i) for i in billed])
        events = [
            ("queued", created, {"bcc_count": "0", "route": "auto", "to": "client@bench.example"}),
            ("billed", created, {"entries": ",".join(map(str, billed)), "seconds": str(per * MINUTES * 60)}),
            ("packaged", created, {"encrypted": "no", "file": f"job-{n}.zip", "files": "3", "format": "zip",
                                   "sha256": sha, "size": str(20000 + n)}),
            ("sent", sent, {"message_id": f"<{hid}.X@va.example>", "reply": "250 2.0.0 Ok: queued", "route": "email"}),
        ]
        for kind, at, detail in events:
            seq += 1
            text = json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            millis = int((at - epoch).total_seconds() * 1000)
            digest = hashlib.sha256(prev.encode() + canonical(project, seq, hid, kind, millis, text)).hexdigest()
            cur.execute("INSERT INTO ledgerEvent (projectId, seq, handoffId, kind, at, detail, prevHash, hash) VALUES (?,?,?,?,?,?,?,?)",
                        (project, seq, hid, kind, stamp(at), text, prev, digest))
            prev = digest
    con.commit()


def seed_timew(db, out_dir):
    """Timewarrior keeps one data file per month: `inc START - END # tags` in UTC."""
    con = sqlite3.connect(db)
    files = {}
    os.makedirs(os.path.join(out_dir, "data"), exist_ok=True)
    for start, end, memo in con.execute("SELECT startedAt, endedAt, memo FROM timeEntry ORDER BY startedAt"):
        s = dt.datetime.strptime(start, "%Y-%m-%d %H:%M:%S.%f")
        e = dt.datetime.strptime(end, "%Y-%m-%d %H:%M:%S.%f")
        name = s.strftime("%Y-%m") + ".data"
        files.setdefault(name, []).append(f'inc {s:%Y%m%dT%H%M%SZ} - {e:%Y%m%dT%H%M%SZ} # bench "{memo}"\n')
    for name, lines in files.items():
        with open(os.path.join(out_dir, "data", name), "w") as f:
            f.writelines(lines)
    open(os.path.join(out_dir, "timewarrior.cfg"), "w").write("verbose = off\nconfirmation = off\n")
    open(os.path.join(out_dir, "data", "tags.data"), "w").write('{"bench":{"count":1}}\n')


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "csv":
        write_csv(sys.argv[2], int(sys.argv[3]))
    elif mode == "handoffs":
        seed_handoffs(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif mode == "timew":
        seed_timew(sys.argv[2], sys.argv[3])
