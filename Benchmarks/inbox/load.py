"""Loads COUNT messages (a few KB each, every fifth with an attachment) into a new mailbox
on the test stack's Dovecot with IMAP APPEND over STARTTLS, then prints the mailbox name.
Or, with --delete NAME, removes that mailbox again.

Arguments: HOST PORT USER PASSWORD CA_FILE (COUNT | --delete NAME)
"""
import base64
import email.utils
import imaplib
import random
import ssl
import sys
import time
import uuid

host, port, user, password, ca_file = sys.argv[1:6]
context = ssl.create_default_context(cafile=ca_file)
imap = imaplib.IMAP4(host, int(port))
imap.starttls(ssl_context=context)
imap.login(user, password)

if sys.argv[6] == "--delete":
    imap.delete(sys.argv[7])
    imap.logout()
    sys.exit(0)

count = int(sys.argv[6])
name = "bench-" + uuid.uuid4().hex[:8]
status, detail = imap.create(name)
if status != "OK":
    sys.exit(f"CREATE {name}: {detail}")

rng = random.Random(20261202)
words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10))) for _ in range(3000)]


def prose(size):
    lines, length = [], 0
    while length < size:
        line = " ".join(rng.choices(words, k=rng.randint(6, 14))).capitalize() + "."
        lines.append(line)
        length += len(line) + 2
    return "\r\n".join(lines)


for number in range(1, count + 1):
    headers = (
        f"From: Client {number % 17} <client{number % 17}@acme.test>\r\n"
        f"To: VA <{user}>\r\n"
        f"Subject: Request {number}: {' '.join(rng.choices(words, k=4))}\r\n"
        f"Message-ID: <bench-{number}-{uuid.uuid4().hex}@acme.test>\r\n"
        f"Date: {email.utils.formatdate(localtime=False)}\r\n"
        "MIME-Version: 1.0\r\n"
    )
    text = prose(rng.randint(1500, 5000))
    if number % 5 == 0:
        attachment = base64.encodebytes(rng.randbytes(rng.randint(8000, 30000))).decode().replace("\n", "\r\n")
        body = (
            'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
            '--b\r\nContent-Type: application/pdf; name="brief.pdf"\r\nContent-Disposition: attachment; filename="brief.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n" + attachment + "--b--\r\n"
        )
    else:
        body = "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
    status, detail = imap.append(name, None, imaplib.Time2Internaldate(time.time()), (headers + body).encode())
    if status != "OK":
        sys.exit(f"APPEND to {name}: {detail}")

imap.logout()
print(name)
