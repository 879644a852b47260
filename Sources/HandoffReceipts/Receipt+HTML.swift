import HandoffCore

/// The receipt as one self-contained HTML page: no scripts, no external fonts, styles or
/// images, so it looks the same offline, in a mail client and printed. The print styles
/// fit both A4 and US Letter (the content is narrower than either). Every value is escaped.
extension Receipt {
    public var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.h(title))</title>
            <style>
            \(Self.styles)
            </style>
            </head>
            <body>
            <main>
            <h1>\(Self.h(title))</h1>
            <dl class="facts">
            <dt>Project</dt><dd>\(Self.h(projectName)) <code>\(Self.h(project))</code></dd>
            <dt>Period</dt><dd>\(Self.h(periodText))</dd>
            <dt>Time zone</dt><dd>\(Self.h(timeZone)); generated \(Self.h(Self.minute(generatedAt)))</dd>
            <dt>Rounding</dt><dd>\(Self.h(roundingText))</dd>
            <dt>Totals</dt><dd>\(Self.h(totalsLine))</dd>
            </dl>

            """
        for delivery in deliveries {
            out += "<section class=\"handoff\">\n<h2>\(Self.h(delivery.id))"
            if let package = delivery.package { out += " <span class=\"file\">\(Self.h(package.fileName))</span>" }
            out += "</h2>\n<dl class=\"facts\">\n"
            out += "<dt>Status</dt><dd>\(Self.h(Self.statusText(delivery)))</dd>\n"
            if let package = delivery.package {
                out += "<dt>Package</dt><dd>\(Self.h(package.fileName)) (\(Self.h(package.format))\(package.encrypted ? ", AES-256 encrypted" : "")), \(package.files) file\(package.files == 1 ? "" : "s"), \(Self.h(ByteCount.format(package.bytes))) (\(package.bytes) bytes)</dd>\n"
                out += "<dt>SHA-256</dt><dd><code class=\"hash\">\(Self.h(package.sha256))</code></dd>\n"
            }
            out += "<dt>Delivered</dt><dd>\(Self.h(Self.describeRoute(delivery))) to \(Self.h(Self.recipients(delivery)))</dd>\n"
            if let messageID = delivery.messageID { out += "<dt>Message-ID</dt><dd><code>\(Self.h(messageID))</code></dd>\n" }
            if let link = delivery.link {
                out += "<dt>Link</dt><dd>expires \(Self.h(link.expires.map(Self.minute) ?? "never")); downloaded \(link.downloads) time\(link.downloads == 1 ? "" : "s")</dd>\n"
            }
            out += "</dl>\n<table class=\"timeline\">\n<thead><tr><th>When</th><th>What happened</th></tr></thead>\n<tbody>\n"
            for event in delivery.timeline {
                out += "<tr><td class=\"when\">\(Self.h(Self.minute(event.at)))</td><td>\(Self.html(Self.sentence(event, in: delivery)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            if delivery.entries.isEmpty {
                out += "<p class=\"none\">No time billed with this handoff.</p>\n"
            } else {
                out += "<table class=\"entries\">\n<thead><tr><th class=\"num\">Entry</th><th>Start</th><th>End</th><th class=\"num\">Hours</th><th class=\"num\">Billed</th><th>Memo</th></tr></thead>\n<tbody>\n"
                for entry in delivery.entries {
                    var notes = ""
                    if entry.manual { notes += " <span class=\"tag\">manual</span>" }
                    if entry.forgotten { notes += " <span class=\"tag warn\">over the forgotten-clock limit</span>" }
                    out += "<tr><td class=\"num\" data-label=\"Entry\">\(entry.id)</td><td class=\"when\" data-label=\"Start\">\(Self.h(Self.minute(entry.start)))</td><td class=\"when\" data-label=\"End\">\(Self.h(Self.endText(entry)))</td><td class=\"num\" data-label=\"Hours\">\(Hours.decimal(entry.rawSeconds))</td><td class=\"num\" data-label=\"Billed\">\(Hours.decimal(entry.billedSeconds))</td><td class=\"memo\">\(Self.h(entry.memo ?? ""))\(notes)</td></tr>\n"
                }
                out += "</tbody>\n<tfoot><tr><td colspan=\"3\">Billed with this handoff</td><td class=\"num\" data-label=\"Hours\">\(Hours.decimal(delivery.rawSeconds))</td><td class=\"num\" data-label=\"Billed\">\(Hours.decimal(delivery.billedSeconds))</td><td></td></tr></tfoot>\n</table>\n"
            }
            out += "</section>\n"
        }
        out += "<section class=\"summary\">\n<h2>Totals per month</h2>\n<table>\n<thead><tr><th>Month</th><th class=\"num\">Handoffs</th><th class=\"num\">Entries</th><th class=\"num\">Recorded h</th><th class=\"num\">Billed h</th></tr></thead>\n<tbody>\n"
        for month in months {
            out += "<tr><td>\(Self.h(month.month))</td><td class=\"num\">\(month.handoffs)</td><td class=\"num\">\(month.entries)</td><td class=\"num\">\(Hours.decimal(month.rawSeconds))</td><td class=\"num\">\(Hours.decimal(month.billedSeconds))</td></tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><td>Total</td><td class=\"num\">\(totals.handoffs)</td><td class=\"num\">\(totals.entries)</td><td class=\"num\">\(Hours.decimal(totals.rawSeconds))</td><td class=\"num\">\(Hours.decimal(totals.billedSeconds))</td></tr></tfoot>\n</table>\n"
        if !retainer.isEmpty {
            out += "<h2>Retainer</h2>\n<ul class=\"retainer\">\n"
            for use in retainer {
                out += "<li class=\"\(use.level.rawValue)\">\(Self.h(use.summary))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h2>Ledger</h2>\n<p>Chain head after event \(chainLength): <code class=\"hash\">\(Self.h(chainHead))</code></p>\n</section>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// A sentence with each long value shortened and the full value in its title.
    static func html(_ sentence: [Words]) -> String {
        sentence.map { words in
            switch words {
            case .plain(let text): h(text)
            case .digest(let hex): "<code class=\"hash\" title=\"\(h(hex))\">\(h(words.short))</code>"
            }
        }.joined()
    }

    /// Escapes text for HTML element content and attribute values alike.
    static func h(_ text: String) -> String {
        // Bytes, not characters: the five escaped characters are ASCII (see `md`).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let styles = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 10.5pt/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; background: #fff; }
        main { max-width: 180mm; margin: 0 auto; padding: 8mm 16px; }
        h1 { font-size: 18pt; margin: 0 0 4mm; }
        h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #d0d7de; padding-bottom: 1mm; }
        h2 .file { font-weight: normal; color: #57606a; }
        dl.facts { display: grid; grid-template-columns: 28mm minmax(0, 1fr); gap: 0.6mm 4mm; margin: 0 0 3mm; }
        dl.facts dt { font-weight: 600; color: #57606a; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        code { font: 9pt ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 9.5pt; }
        th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid #e5e8eb; vertical-align: top; overflow-wrap: anywhere; }
        /* Headers wrap between words, never inside one. */
        th { background: #f3f5f7; font-weight: 600; overflow-wrap: normal; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.when { white-space: nowrap; width: 1%; }
        td.num, .summary td:first-child { white-space: nowrap; }
        code.hash { overflow-wrap: anywhere; }
        /* A phone: each time entry becomes a small card, the memo on its own line. */
        @media screen and (max-width: 600px) {
          dl.facts { grid-template-columns: max-content minmax(0, 1fr); }
          .summary th, .summary td { padding: 1mm 1.2mm; }
          table.entries thead { display: none; }
          table.entries, table.entries tbody, table.entries tfoot { display: block; }
          table.entries tr { display: flex; flex-wrap: wrap; gap: 0 4mm; padding: 1.5mm 0; border-bottom: 1px solid #e5e8eb; }
          table.entries td { border: 0; padding: 0; width: auto; }
          table.entries td[data-label]::before { content: attr(data-label) " "; color: #57606a; }
          table.entries td.memo { flex-basis: 100%; }
          table.entries tfoot tr { border-bottom: 0; border-top: 1.5px solid #8c959f; }
          table.entries tfoot td:empty { display: none; }
        }
        tfoot td { font-weight: 600; border-top: 1.5px solid #8c959f; }
        .tag { font-size: 8pt; padding: 0 1.5mm; border-radius: 2mm; background: #eaeef2; white-space: nowrap; }
        .tag.warn, li.nearing, li.reached { color: #9a3412; }
        .none { color: #57606a; font-style: italic; }
        tr, dl.facts { break-inside: avoid; page-break-inside: avoid; }
        h2 { break-after: avoid; page-break-after: avoid; }
        @page { size: auto; margin: 14mm 15mm; }
        @media print { main { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
        """
}
