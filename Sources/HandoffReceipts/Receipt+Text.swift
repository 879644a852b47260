import HandoffCore

/// Words shared by the Markdown, HTML and plain-text forms, so they cannot disagree.
extension Receipt {
    static func describeRoute(_ delivery: Delivery) -> String {
        switch delivery.route {
        case "email": "by email (attached)"
        case "link": "by download link"
        default: "not decided yet"
        }
    }

    static func recipients(_ delivery: Delivery) -> String {
        var parts = [delivery.to.joined(separator: ", ")]
        if !delivery.cc.isEmpty { parts.append("cc " + delivery.cc.joined(separator: ", ")) }
        if delivery.bccCount > 0 { parts.append(blindCopies(delivery.bccCount)) }
        return parts.joined(separator: "; ")
    }

    /// `2026-11-30 17:30` from the stored ISO text (the offset is in the heading).
    static func minute(_ iso: String) -> String {
        var text = String(iso.prefix(16))
        if let t = text.firstIndex(of: "T") { text.replaceSubrange(t...t, with: " ") }
        return text
    }

    static func endText(_ entry: Entry) -> String {
        guard let end = entry.end else { return "running" }
        return entry.start.prefix(10) == end.prefix(10) ? String(end.dropFirst(11).prefix(5)) : minute(end)
    }

    /// A handoff's status in words, with when it was queued and sent.
    static func statusText(_ delivery: Delivery) -> String {
        let queued = minute(delivery.queuedAt)
        guard let sentAt = delivery.sentAt else {
            return delivery.status == "queued" ? "queued \(queued)" : "\(spaced(delivery.status)) (queued \(queued))"
        }
        let sent = minute(sentAt)
        // Queued the same day: the time alone says when.
        let queuedText = sent.prefix(10) == queued.prefix(10) ? String(queued.dropFirst(11)) : queued
        return "\(spaced(delivery.status)) \(sent) (queued \(queuedText))"
    }

    /// A stored name in words: `possibly_sent` is `possibly sent`.
    static func spaced(_ name: String) -> String {
        String(name.map { $0 == "_" ? " " : $0 })
    }

    /// The event's sentence as plain text, long values shortened.
    static func eventText(_ event: Event, in delivery: Delivery) -> String {
        sentence(event, in: delivery).map(\.short).joined()
    }

    var title: String { "Delivery receipt — \(projectName)" }

    var totalsLine: String {
        "\(totals.handoffs) handoff\(totals.handoffs == 1 ? "" : "s") (\(totals.sent) sent), \(totals.files) files, \(ByteCount.format(totals.bytes)); \(totals.entries) time entr\(totals.entries == 1 ? "y" : "ies"): \(Hours.decimal(totals.billedSeconds)) h billed (\(Hours.decimal(totals.rawSeconds)) h recorded)"
    }
}
