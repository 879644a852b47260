#!/usr/bin/env python3
"""Writes the inbound-mail corpus: NAME.eml and NAME.expected.json side by side.

Every message is made up here for this project. The encoded bytes come from Python's own
codecs (str.encode), so running this again gives the same files byte for byte. The
expectations are written from the values put in, not from a parse, so the test that
compares them checks the parser against what the message says.

Expected fields (all optional; the test compares only those present):
  from, to: [[name or null, address]]     subject, message_id, auto_submitted, precedence
  in_reply_to, references: [ids]          text (exact, trimmed), text_contains: [..]
  text_from_html: bool                    attachments: [{saved_name, original_name,
  content_type, size, sha256, inline, content_id}]   forwarded: [{subject, text_contains}]
  report: {kind, original_message_id, recipients|final_recipient, disposition}
  defects_contain: [..]   no_defects: bool   headers_only: bool
"""
import base64
import hashlib
import json
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, raw, expected):
    if isinstance(raw, str):
        raw = raw.encode("ascii")
    with open(os.path.join(HERE, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")


def b64(data, width=76):
    text = base64.b64encode(data).decode("ascii")
    return "\n".join(text[i:i + width] for i in range(0, len(text), width)) + "\n"


def attachment(data, saved, original, content_type, inline=False, content_id=None):
    entry = {
        "saved_name": saved, "original_name": original, "content_type": content_type,
        "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "inline": inline,
    }
    if content_id:
        entry["content_id"] = content_id
    return entry


def head(subject="Files for the March report", extra=""):
    return (
        "From: Dana Client <dana@acme.test>\n"
        "To: Pat Assistant <pat@va.example>\n"
        f"Subject: {subject}\n"
        "Date: Tue, 01 Dec 2026 09:30:00 +0100\n"
        "Message-ID: <corpus-{id}@acme.test>\n"
        "MIME-Version: 1.0\n" + extra
    )


PDF = b"%PDF-1.4\n% corpus sample\n" + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
JPG = b"\xff\xd8\xff\xe0" + bytes(reversed(range(256))) * 2

# --- plain -------------------------------------------------------------------------
write("plain", head().replace("{id}", "plain")
      + "Content-Type: text/plain; charset=us-ascii\n\nHi Pat,\n\nplease find the numbers below.\n\nDana\n",
      {"from": [["Dana Client", "dana@acme.test"]], "to": [["Pat Assistant", "pat@va.example"]],
       "subject": "Files for the March report", "message_id": "corpus-plain@acme.test",
       "text": "Hi Pat,\n\nplease find the numbers below.\n\nDana", "text_from_html": False,
       "attachments": [], "no_defects": True})

# --- HTML only ---------------------------------------------------------------------
html = ("<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<p>Hello&nbsp;Pat,</p><p>Tasks:</p><ul><li>Book &amp; confirm</li><li>Send &#8364;40 &#x2713;</li></ul>"
        "<script>alert(1)</script><div>Thanks<br>Dana</div></body></html>")
write("html-only", head("HTML only").replace("{id}", "html") + "Content-Type: text/html; charset=utf-8\n\n" + html + "\n",
      {"text": "Hello Pat,\n\nTasks:\n\n- Book & confirm\n- Send \u20ac40 \u2713\nThanks\nDana",
       "text_from_html": True, "attachments": [], "no_defects": True})

# --- alternative with inline images (cid) --------------------------------------------
write("alternative-inline-images", head("Logo proofs").replace("{id}", "cid")
      + 'Content-Type: multipart/alternative; boundary="alt"\n\n'
      "--alt\nContent-Type: text/plain; charset=utf-8\n\nThe two logos are below.\n"
      '--alt\nContent-Type: multipart/related; boundary="rel"\n\n'
      '--rel\nContent-Type: text/html; charset=utf-8\n\n<p>The two logos are below.</p><img src="cid:logo1@acme"><img src="cid:logo2@acme">\n'
      "--rel\nContent-Type: image/png\nContent-ID: <logo1@acme>\nContent-Transfer-Encoding: base64\n\n" + b64(PNG)
      + '--rel\nContent-Type: image/jpeg; name="logo2.jpg"\nContent-ID: <logo2@acme>\nContent-Disposition: inline; filename="logo2.jpg"\n'
      "Content-Transfer-Encoding: base64\n\n" + b64(JPG) + "--rel--\n--alt--\n",
      {"text": "The two logos are below.", "text_from_html": False,
       "attachments": [attachment(PNG, "attachment-1.png", None, "image/png", True, "logo1@acme"),
                       attachment(JPG, "logo2.jpg", "logo2.jpg", "image/jpeg", True, "logo2@acme")],
       "no_defects": True})

# --- forwarded message/rfc822 --------------------------------------------------------
inner = ("From: Lee Vendor <lee@vendor.test>\nTo: dana@acme.test\nSubject: Invoice 7\n"
         "Message-ID: <inv7@vendor.test>\nMIME-Version: 1.0\n"
         'Content-Type: multipart/mixed; boundary="in"\n\n'
         "--in\nContent-Type: text/plain\n\nInvoice attached.\n"
         '--in\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="invoice-7.pdf"\n'
         "Content-Transfer-Encoding: base64\n\n" + b64(PDF) + "--in--\n")
write("forwarded", head("Fwd: Invoice 7").replace("{id}", "fwd")
      + 'Content-Type: multipart/mixed; boundary="out"\n\n'
      "--out\nContent-Type: text/plain\n\nCan you file this one?\n"
      "--out\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n" + inner + "--out--\n",
      {"text": "Can you file this one?",
       "attachments": [attachment(PDF, "invoice-7.pdf", "invoice-7.pdf", "application/pdf")],
       "forwarded": [{"subject": "Invoice 7", "text_contains": ["Invoice attached."], "attachment_count": 1}],
       "no_defects": True})

# --- charsets ------------------------------------------------------------------------
samples = {
    "utf-8": ("Grüße – café ✓", "Zoë wrote: naïve façade, 東京, Ωmega."),
    "iso-8859-1": ("Café à la carte", "Voilà: crème brûlée, señor, Øre."),
    "iso-8859-2": ("Zażółć gęślą jaźń", "Příliš žluťoučký kůň úpěl ďábelské ódy."),
    "iso-8859-15": ("Prix en €", "Le total est de 40 € (œuvre, Š)."),
    "windows-1251": ("Привет из Москвы", "Съешь же ещё этих мягких французских булок."),
    "windows-1252": ("“Quoted” – dash", "It’s €5 … and “smart” quotes."),
    "koi8-r": ("Отчёт за март", "В чащах юга жил бы цитрус? Да, но фальшивый экземпляр!"),
    "shift_jis": ("会議の議事録", "いろはにほへと ちりぬるを、カタカナも。"),
    "iso-2022-jp": ("見積もりの件", "お世話になっております。よろしくお願いします。"),
    "gb2312": ("项目进度报告", "我们下周一开会讨论预算。"),
    "gbk": ("項目進度（繁體）", "GBK 也能写繁體字：開會、討論。"),
    "big5": ("專案進度報告", "我們下週一開會討論預算。"),
}
for charset, (subject, body) in samples.items():
    encoded_subject = "=?%s?B?%s?=" % (charset, base64.b64encode(subject.encode(charset)).decode("ascii"))
    # 8-bit bodies for the single-byte and EUC-like ones, base64 for the 7-bit ISO-2022-JP
    # (which is 7-bit already) and for Shift_JIS (whose bytes include '\\').
    raw_body = body.encode(charset)
    if charset in ("shift_jis",):
        cte, payload = "base64", b64(raw_body).encode("ascii")
    elif charset == "iso-8859-2":
        cte, payload = "quoted-printable", quopri.encodestring(raw_body) + b"\n"
    else:
        cte, payload = ("7bit" if charset == "iso-2022-jp" else "8bit"), raw_body + b"\n"
    raw = (head(encoded_subject).replace("{id}", "cs-" + charset)
           + f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n").encode("ascii") + payload
    write("charset-" + charset, raw, {"subject": subject, "text": body, "no_defects": True})

# --- encoded words and RFC 2231 names ---------------------------------------------------
name_2047 = "Résumé Zoë.pdf"
name_2231 = "Übersicht März – Ergebnis und Planung für das zweite Quartal.xlsx"
# Percent-escapes are never split, but a UTF-8 character's bytes may be, across sections.
tokens = [chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b in b"-_.") else "%%%02X" % b
          for b in name_2231.encode("utf-8")]
parts_2231 = ["".join(tokens[i:i + 12]) for i in range(0, len(tokens), 12)]
cont = ";\n".join(" filename*%d*=%s%s" % (i, "utf-8''" if i == 0 else "", p) for i, p in enumerate(parts_2231))
subject_q = "=?UTF-8?Q?R=C3=A9union_demain_?= =?ISO-8859-1?B?4A==?= 10h"
write("encoded-words", head(subject_q).replace("{id}", "ew")
      + 'Content-Type: multipart/mixed; boundary="ew"\n\n'
      "--ew\nContent-Type: text/plain; charset=utf-8\n\nTwo files.\n"
      '--ew\nContent-Type: application/pdf; name="=?UTF-8?B?%s?="\n'
        % base64.b64encode(name_2047.encode()).decode()
      + 'Content-Disposition: attachment; filename="=?UTF-8?Q?R=C3=A9sum=C3=A9_Zo=C3=AB.pdf?="\n'
      "Content-Transfer-Encoding: base64\n\n" + b64(PDF)
      + "--ew\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\n"
      "Content-Disposition: attachment;\n" + cont + "\nContent-Transfer-Encoding: base64\n\n" + b64(PNG) + "--ew--\n",
      {"subject": "Réunion demain à 10h", "text": "Two files.",
       "attachments": [attachment(PDF, name_2047, name_2047, "application/pdf"),
                       attachment(PNG, name_2231, name_2231, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]})

# --- Outlook-shaped: related inside alternative, CRLF, winmail.dat ------------------------
TNEF = b"\x78\x9f\x3e\x22" + bytes(100)
outlook = (head("RE: Q2 plan", "X-Mailer: Microsoft Outlook 16.0\nThread-Index: AQHZ\n").replace("{id}", "outlook")
           + 'Content-Type: multipart/mixed; boundary="_004_"\n\n'
           '--_004_\nContent-Type: multipart/alternative; boundary="_000_"\n\n'
           "--_000_\nContent-Type: text/plain; charset=\"us-ascii\"\nContent-Transfer-Encoding: quoted-printable\n\n"
           "Hi Pat,=0A=0AThe plan is attached.=0A=0A-----Original Message-----=0AFrom: Pat\n"
           '--_000_\nContent-Type: multipart/related; boundary="_003_"\n\n'
           '--_003_\nContent-Type: text/html; charset="us-ascii"\n\n<html><body><p class=MsoNormal>Hi Pat,<o:p></o:p></p><img src="cid:image001.png@01DA"></body></html>\n'
           '--_003_\nContent-Type: image/png; name="image001.png"\nContent-ID: <image001.png@01DA>\nContent-Disposition: inline; filename="image001.png"\n'
           "Content-Transfer-Encoding: base64\n\n" + b64(PNG) + "--_003_--\n--_000_--\n"
           '--_004_\nContent-Type: application/ms-tnef; name="winmail.dat"\nContent-Disposition: attachment; filename="winmail.dat"\n'
           "Content-Transfer-Encoding: base64\n\n" + b64(TNEF) + "--_004_--\n").replace("\n", "\r\n")
write("outlook", outlook,
      {"subject": "RE: Q2 plan", "text": "Hi Pat,\n\nThe plan is attached.\n\n-----Original Message-----\nFrom: Pat",
       "attachments": [attachment(PNG, "image001.png", "image001.png", "image/png", True, "image001.png@01DA"),
                       attachment(TNEF, "winmail.dat", "winmail.dat", "application/ms-tnef")], "no_defects": True})

# --- Apple Mail-shaped: inline image between two text parts -------------------------------
write("apple-mail", head("Photos from the venue", "X-Mailer: Apple Mail (2.3774)\n").replace("{id}", "apple")
      + 'Content-Type: multipart/mixed; boundary="Apple-Mail=_A1"\n\n'
      "--Apple-Mail=_A1\nContent-Transfer-Encoding: 7bit\nContent-Type: text/plain; charset=us-ascii\n\nHere is the hall:\n"
      '--Apple-Mail=_A1\nContent-Disposition: inline; filename=IMG_0042.jpeg\nContent-Type: image/jpeg; x-unix-mode=0644; name="IMG_0042.jpeg"\n'
      "Content-Transfer-Encoding: base64\n\n" + b64(JPG)
      + "--Apple-Mail=_A1\nContent-Transfer-Encoding: 7bit\nContent-Type: text/plain; charset=us-ascii\n\nAnd that is all.\n--Apple-Mail=_A1--\n",
      {"text": "Here is the hall:\n\nAnd that is all.",
       "attachments": [attachment(JPG, "IMG_0042.jpeg", "IMG_0042.jpeg", "image/jpeg", True)], "no_defects": True})

# --- Gmail-shaped: alternative with a quoted reply ------------------------------------------
write("gmail-reply", head("Re: Files for the March report",
                          "In-Reply-To: <H-7.1@va.example>\nReferences: <req-1@acme.test>\n <H-7.1@va.example>\n").replace("{id}", "gmail")
      + 'Content-Type: multipart/alternative; boundary="000000000000abcd"\n\n'
      '--000000000000abcd\nContent-Type: text/plain; charset="UTF-8"\n\nThanks, got it.\n\nOn Mon, Pat wrote:\n> Here are the files.\n'
      '--000000000000abcd\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
      '<div dir=3D"ltr">Thanks, got it.</div><blockquote class=3D"gmail_quote">Here are the files.</blockquote>\n'
      "--000000000000abcd--\n",
      {"in_reply_to": ["H-7.1@va.example"], "references": ["req-1@acme.test", "H-7.1@va.example"],
       "text": "Thanks, got it.\n\nOn Mon, Pat wrote:\n> Here are the files.", "text_from_html": False, "no_defects": True})

# --- DSN ----------------------------------------------------------------------------------
write("dsn", "From: Mail Delivery System <MAILER-DAEMON@mx.va.example>\nTo: pat@va.example\n"
      "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <bounce-1@mx.va.example>\nAuto-Submitted: auto-replied\n"
      "Return-Path: <>\nMIME-Version: 1.0\n"
      'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"\n\n'
      "--dsn\nContent-Type: text/plain\n\nI'm sorry to have to inform you that your message could not be delivered.\n"
      "--dsn\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.va.example\n\n"
      "Final-Recipient: rfc822; gone@acme.test\nOriginal-Recipient: rfc822;gone@acme.test\nAction: failed\nStatus: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <gone@acme.test>: Recipient address\n rejected: User unknown\n\n"
      "Final-Recipient: rfc822; slow@acme.test\nAction: delayed\nStatus: 4.4.1\n"
      "--dsn\nContent-Type: text/rfc822-headers\n\nFrom: pat@va.example\nTo: gone@acme.test\nSubject: Your files\n"
      "Message-ID: <H-12.1@va.example>\n--dsn--\n",
      {"auto_submitted": "auto-replied", "return_path": "<>",
       "text_contains": ["could not be delivered"], "attachments": [],
       "report": {"kind": "delivery-status", "original_message_id": "H-12.1@va.example", "recipients": [
           {"recipient": "gone@acme.test", "action": "failed", "status": "5.1.1",
            "diagnostic": "550 5.1.1 <gone@acme.test>: Recipient address rejected: User unknown"},
           {"recipient": "slow@acme.test", "action": "delayed", "status": "4.4.1", "diagnostic": None}]}})

# --- MDN ----------------------------------------------------------------------------------
write("mdn", "From: Dana Client <dana@acme.test>\nTo: pat@va.example\nSubject: Read: Your files\n"
      "Message-ID: <mdn-1@acme.test>\nMIME-Version: 1.0\n"
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"\n\n'
      "--mdn\nContent-Type: text/plain\n\nThe message was displayed.\n"
      "--mdn\nContent-Type: message/disposition-notification\n\nReporting-UA: mail.acme.test; Thunderbird\n"
      "Original-Recipient: rfc822;dana@acme.test\nFinal-Recipient: rfc822;dana@acme.test\n"
      "Original-Message-ID: <H-12.1@va.example>\nDisposition: manual-action/MDN-sent-manually; displayed\n--mdn--\n",
      {"text": "The message was displayed.", "attachments": [],
       "report": {"kind": "disposition", "original_message_id": "H-12.1@va.example",
                  "final_recipient": "dana@acme.test", "disposition": "displayed"}, "no_defects": True})

# --- auto-reply ---------------------------------------------------------------------------
write("auto-reply", head("Out of office: Files for the March report",
                         "Auto-Submitted: auto-replied\nPrecedence: bulk\nX-Autoreply: yes\n").replace("{id}", "ooo")
      + "Content-Type: text/plain\n\nI am away until Monday.\n",
      {"auto_submitted": "auto-replied", "precedence": "bulk", "text": "I am away until Monday.", "no_defects": True})

# --- malformed ----------------------------------------------------------------------------
write("malformed-missing-boundary", head("No end").replace("{id}", "mb")
      + 'Content-Type: multipart/mixed; boundary="never"\n\n'
      "--never\nContent-Type: text/plain\n\nThe closing boundary never comes.\n"
      '--never\nContent-Type: application/pdf; name="cut.pdf"\nContent-Transfer-Encoding: base64\n\n' + b64(PDF)[:200] + "\n",
      {"text": "The closing boundary never comes.", "defects_contain": ["truncated"],
       "attachments": [{"saved_name": "cut.pdf", "original_name": "cut.pdf", "content_type": "application/pdf"}]})

bad = b64(PDF)
bad = bad[:100] + "!!%%" + bad[100:300] + "\u00e9" + bad[300:]
write("malformed-bad-base64", (head("Bad base64").replace("{id}", "b64")
      + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee file.\n'
      '--b\nContent-Type: application/pdf; name="broken.pdf"\nContent-Transfer-Encoding: base64\n\n' + bad + "--b--\n").encode("latin-1"),
      {"text": "See file.", "defects_contain": ["invalid base64 in the attachment broken.pdf"],
       "attachments": [{"saved_name": "broken.pdf", "content_type": "application/pdf"}]})

write("malformed-8bit-headers", ("From: Jos\u00e9 M\u00fcller <jose@acme.test>\nTo: pat@va.example\n"
      "Subject: Caf\u00e9 r\u00e9sum\u00e9\nMessage-ID: <8bit@acme.test>\nMIME-Version: 1.0\n"
      "Content-Type: text/plain\n\nLatin-1 bytes in the headers.\n").encode("latin-1"),
      {"from": [["Jos\u00e9 M\u00fcller", "jose@acme.test"]], "subject": "Caf\u00e9 r\u00e9sum\u00e9",
       "text": "Latin-1 bytes in the headers.", "defects_contain": ["8-bit"]})

nest = 40
deep = head("Deep").replace("{id}", "deep")
for level in range(nest):
    deep += 'Content-Type: multipart/mixed; boundary="d%d"\n\n--d%d\n' % (level, level)
deep += "Content-Type: text/plain\n\nDeepest text.\n"
for level in reversed(range(nest)):
    deep += "--d%d--\n" % level
write("malformed-deep-nesting", deep, {"text": "", "defects_contain": ["MIME nesting deeper than 32 levels"]})

long_line = "x" * (256 * 1024)
write("malformed-long-line", head("Long line").replace("{id}", "long") + "Content-Type: text/plain\n\nstart " + long_line + " end\n",
      {"text_contains": ["start xxxx", "xxxx end"], "text_length": len("start " + long_line + " end")})
