import HandoffCore

/// Each ledger event in one plain sentence, for the client's receipt. The signed JSON keeps
/// every key; here the client reads what happened, never the ledger's internal keys, the
/// VA's paths, or a Bcc address (the payloads arrive scrubbed).
extension Receipt {
    /// A piece of a sentence: plain words, or a long value (a SHA-256) that is shown
    /// shortened, with the full value where the rendering can keep it (an HTML title).
    enum Words: Equatable {
        case plain(String)
        case digest(String)

        /// The shortened form; the full value is in the handoff's facts above.
        var short: String {
            switch self {
            case .plain(let text): text
            case .digest(let hex): hex.count > 16 ? hex.prefix(12) + "…" : hex
            }
        }
    }

    static func sentence(_ event: Event, in delivery: Delivery) -> [Words] {
        switch event.payload {
        case .queued(let queued): [.plain(queuedSentence(queued, bccCount: delivery.bccCount))]
        case .billed(let billed): [.plain(billedSentence(billed))]
        case .packaged(let packaged): packagedSentence(packaged)
        case .published(let published): [.plain("Download link made" + (published.expires.map { "; it works until \(minute($0))" } ?? ""))]
        case .sent(let sent): [.plain(sentSentence(sent, in: delivery))]
        case .possiblySent: [.plain("The send was interrupted and could not be confirmed: it may have arrived. It is not sent again without checking with you")]
        case .retrying(let retrying): [.plain((retrying.attempt.map { "Attempt \($0)" } ?? "An attempt") + " did not go through; tried again automatically")]
        case .failed: [.plain("Delivery failed")]
        case .cancelled: [.plain("Cancelled before it was sent")]
        case .downloaded(let downloaded): [.plain("Downloaded" + (downloaded.from.map { " from \($0)" } ?? ""))]
        case .read(let read): [.plain("Read" + (read.by.map { " by \($0)" } ?? ""))]
        case .displayed(let displayed): [.plain("Opened" + (displayed.by.map { " by \($0)" } ?? "") + " (read receipt)")]
        case .bounced(let bounced): [.plain(bouncedSentence(bounced))]
        case .amended(let amended): [.plain(amendedSentence(amended))]
        case .receiptSent(let receipt): [.plain("Receipt mailed" + (receipt.to.map { " to \($0)" } ?? ""))]
        case .noticeSent: [.plain("The VA was told that the delivery failed")]
        case .unreadable(let kind, _):
            // Written by a newer version, or unreadable: shown as it is, without private keys.
            [.plain(([spaced(kind)] + event.detail.map { "\($0.0): \($0.1)" }).joined(separator: "; "))]
        }
    }

    static func queuedSentence(_ queued: QueuedPayload, bccCount: Int) -> String {
        guard queued.reason == nil else { return "Queued again to be sent" }
        var text = "Queued for delivery"
        switch queued.route {
        case "email": text += " by email"
        case "link": text += " as a download link"
        default: break
        }
        var recipients = [queued.to, queued.cc.map { "cc \($0)" }].compactMap { $0 }
        let bcc = queued.bccCount ?? bccCount
        if bcc > 0 { recipients.append(blindCopies(bcc)) }
        if !recipients.isEmpty { text += " to " + recipients.joined(separator: "; ") }
        return text
    }

    static func billedSentence(_ billed: BilledPayload) -> String {
        let ids = billed.entryIDs
        var text = ids.count == 1 ? "Time entry \(ids[0]) billed" : "Time entries \(ids.map(String.init).joined(separator: ", ")) billed"
        if let seconds = billed.seconds { text += " (\(Hours.decimal(seconds)) h recorded)" }
        let running = billed.runningIDs.count
        if running > 0 { text += "; \(running == 1 ? "one was" : "\(running) were") still running" }
        return text
    }

    static func packagedSentence(_ packaged: PackagedPayload) -> [Words] {
        var facts: [String] = []
        if let files = packaged.files { facts.append("\(files) file\(files == 1 ? "" : "s")") }
        if let size = packaged.size { facts.append(ByteCount.format(size)) }
        if packaged.encrypted == true { facts.append("AES-256 encrypted") }
        var words: [Words] = [.plain("Packaged \(packaged.file ?? "the files")" + (facts.isEmpty ? "" : ": " + facts.joined(separator: ", ")))]
        if let sha256 = packaged.sha256 { words += [.plain(", SHA-256 "), .digest(sha256)] }
        return words
    }

    static func sentSentence(_ sent: SentPayload, in delivery: Delivery) -> String {
        var text: String
        if sent.part == "passphrase" {
            text = "Passphrase sent in a separate message"
        } else {
            text = (sent.route ?? delivery.route) == "link" ? "Download link sent to " : "Sent to "
            if let accepted = sent.accepted, !accepted.isEmpty {
                text += accepted
                if delivery.bccCount > 0 { text += "; " + blindCopies(delivery.bccCount) }
            } else {
                text += recipients(delivery)
            }
        }
        if let refused = sent.refused, !refused.isEmpty { text += "; not accepted: \(refused)" }
        if sent.resumed == true { text += "; confirmed after a restart" }
        if let reply = mailServerReply(sent) { text += "; the mail server answered \(reply)" }
        return text
    }

    /// The reply when a mail server gave it (`250 2.0.0 …`). The file transport's note
    /// names a file on the VA's machine and says nothing to the client.
    static func mailServerReply(_ sent: SentPayload) -> String? {
        guard sent.location == nil, let reply = sent.reply else { return nil }
        let code = reply.utf8.prefix(3)
        guard code.count == 3, code.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return reply
    }

    /// "Returned undelivered for bo@acme.test: 5.1.1 (no such mailbox)": the status code a
    /// mail admin looks up, then the remote server's own words without their type prefix.
    static func bouncedSentence(_ bounced: BouncedPayload) -> String {
        let delayed = bounced.action?.lowercased() == "delayed"
        var text = (delayed ? "Not delivered yet" : "Returned undelivered") + (bounced.recipient.map { " for \($0)" } ?? "")
        let diagnostic = bounced.diagnostic.map(diagnosticText).flatMap { $0.isEmpty ? nil : $0 }
        switch (bounced.status, diagnostic) {
        case (let status?, let diagnostic?): text += ": \(status) (\(diagnostic))"
        case (let status?, nil): text += ": \(status)"
        case (nil, let diagnostic?): text += ": \(diagnostic)"
        case (nil, nil): break
        }
        return delayed ? text + "; the mail server is still trying" : text
    }

    /// `smtp; 550 5.1.1 no such mailbox` → `550 5.1.1 no such mailbox` (RFC 3464 writes the
    /// kind of diagnostic first; the client wants the words).
    static func diagnosticText(_ diagnostic: String) -> String {
        let parts = diagnostic.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        let isType = parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy { $0.isLetter || $0 == "-" }
        return (isType ? String(parts[1]) : diagnostic).trimmingWhitespace()
    }

    static func amendedSentence(_ amended: AmendedPayload) -> String {
        let entry = amended.entry.map { "Time entry \($0)" } ?? "A time entry"
        let field = amended.field ?? "a field"
        func shown(_ value: String?) -> String {
            guard let value, !value.isEmpty else { return "nothing" }
            return field == "memo" ? "“\(value)”" : minute(value)
        }
        var text = "\(entry) amended after it was sent: \(field) changed from \(shown(amended.old)) to \(shown(amended.new))"
        if let reason = amended.reason, !reason.isEmpty { text += " (\(reason))" }
        return text
    }

    static func blindCopies(_ count: Int) -> String {
        "\(count) blind cop\(count == 1 ? "y" : "ies")"
    }
}
