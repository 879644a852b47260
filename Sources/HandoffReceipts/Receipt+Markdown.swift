import HandoffCore

/// The receipt as Markdown: readable as plain text (the mail's text part) and rendered
/// by any Markdown viewer. Every value from outside is escaped, so a memo cannot break
/// a table or inject a link.
extension Receipt {
    public var markdown: String {
        var out = "# \(Self.md(title))\n\n"
        out += "- **Project:** \(Self.md(projectName)) (`\(Self.code(project))`)\n"
        out += "- **Period:** \(Self.md(periodText))\n"
        out += "- **Time zone:** \(Self.md(timeZone)); generated \(Self.md(Self.minute(generatedAt)))\n"
        out += "- **Rounding:** \(Self.md(roundingText))\n"
        out += "- **Totals:** \(Self.md(totalsLine))\n\n"

        for delivery in deliveries {
            out += "## \(Self.md(delivery.id))"
            if let package = delivery.package { out += " — \(Self.md(package.fileName))" }
            out += "\n\n"
            out += "- **Status:** \(Self.md(Self.statusText(delivery)))\n"
            if let package = delivery.package {
                out += "- **Package:** \(Self.md(package.fileName)) (\(Self.md(package.format))\(package.encrypted ? ", AES-256 encrypted" : "")), \(package.files) file\(package.files == 1 ? "" : "s"), \(Self.md(ByteCount.format(package.bytes))) (\(package.bytes) bytes)\n"
                out += "- **SHA-256:** `\(Self.code(package.sha256))`\n"
            }
            out += "- **Delivered:** \(Self.md(Self.describeRoute(delivery))) to \(Self.md(Self.recipients(delivery)))\n"
            if let messageID = delivery.messageID { out += "- **Message-ID:** `\(Self.code(messageID))`\n" }
            if let link = delivery.link {
                out += "- **Link:** expires \(Self.md(link.expires.map(Self.minute) ?? "never")); downloaded \(link.downloads) time\(link.downloads == 1 ? "" : "s")\n"
            }
            out += "\n| When | What happened |\n|---|---|\n"
            for event in delivery.timeline {
                out += "| \(Self.md(Self.minute(event.at))) | \(Self.md(Self.eventText(event, in: delivery))) |\n"
            }
            if delivery.entries.isEmpty {
                out += "\nNo time billed with this handoff.\n\n"
            } else {
                out += "\n| Entry | Start | End | Hours | Billed | Memo |\n|---:|---|---|---:|---:|---|\n"
                for entry in delivery.entries {
                    var memo = entry.memo ?? ""
                    if entry.manual { memo += memo.isEmpty ? "(manual)" : " (manual)" }
                    if entry.forgotten { memo += " (over the forgotten-clock limit)" }
                    out += "| \(entry.id) | \(Self.md(Self.minute(entry.start))) | \(Self.md(Self.endText(entry))) | \(Hours.decimal(entry.rawSeconds)) | \(Hours.decimal(entry.billedSeconds)) | \(Self.md(memo)) |\n"
                }
                out += "\n**Billed with this handoff:** \(Hours.decimal(delivery.billedSeconds)) h (\(Hours.decimal(delivery.rawSeconds)) h recorded)\n\n"
            }
        }

        out += "## Totals per month\n\n| Month | Handoffs | Entries | Recorded h | Billed h |\n|---|---:|---:|---:|---:|\n"
        for month in months {
            out += "| \(Self.md(month.month)) | \(month.handoffs) | \(month.entries) | \(Hours.decimal(month.rawSeconds)) | \(Hours.decimal(month.billedSeconds)) |\n"
        }
        out += "| **Total** | \(totals.handoffs) | \(totals.entries) | \(Hours.decimal(totals.rawSeconds)) | \(Hours.decimal(totals.billedSeconds)) |\n\n"
        if !retainer.isEmpty {
            out += "## Retainer\n\n"
            for use in retainer { out += "- \(Self.md(use.summary))\n" }
            out += "\n"
        }
        out += "## Ledger\n\nChain head after event \(chainLength): `\(Self.code(chainHead))`\n"
        return out
    }

    /// Backslash-escapes Markdown punctuation and flattens line breaks.
    static func md(_ text: String) -> String {
        // Bytes, not characters: every special character is ASCII, UTF-8 never reuses ASCII
        // bytes inside a multi-byte sequence, and grapheme breaking is slow on long receipts.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            // Parentheses only mean something after `]`, which is escaped, so they stay as they are.
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "#"), UInt8(ascii: "~"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x0A, 0x0D:
                out.append(UInt8(ascii: " "))
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text inside a code span: backticks and line breaks cannot end it early.
    static func code(_ text: String) -> String {
        String(text.map { $0 == "`" || $0 == "\n" || $0 == "\r" ? "'" : $0 })
    }
}
