/// The bodies of message/delivery-status (RFC 3464) and message/disposition-notification
/// (RFC 8098) parts: header-like fields in blocks separated by blank lines. Pure text work
/// on a bounded body (the caller reads at most 64 KiB of it).
enum ReportFields {
    /// The field blocks of `text`: names lowercased, folded lines unfolded, values trimmed.
    static func blocks(_ text: String) -> [[(name: String, value: String)]] {
        var blocks: [[(name: String, value: String)]] = []
        var current: [(name: String, value: String)] = []
        // Split on any line break: in a Swift String, CRLF (how mail arrives over IMAP and
        // SMTP) is one Character, which never equals "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else if line.first == " " || line.first == "\t", !current.isEmpty {
                current[current.count - 1].value += " " + line.trimmingWhitespace()
            } else if let colon = line.firstIndex(of: ":") {
                current.append((String(line[..<colon]).trimmingWhitespace().lowercased(), String(line[line.index(after: colon)...]).trimmingWhitespace()))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// The value of the first field called `name` (lowercase) in `block`.
    static func value(_ name: String, in block: [(name: String, value: String)]) -> String? {
        block.first { $0.name == name }?.value
    }

    /// `rfc822; pat@va.example` → `pat@va.example`; a value without a type stays as it is.
    static func withoutType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value }
        return String(value[value.index(after: semicolon)...]).trimmingWhitespace()
    }

    /// `<id@host>` → `id@host`.
    static func messageID(_ value: String) -> String? {
        var text = Substring(value.trimmingWhitespace())
        if text.first == "<" { text = text.dropFirst() }
        if let close = text.firstIndex(of: ">") { text = text[..<close] }
        let id = String(text).trimmingWhitespace()
        return id.isEmpty ? nil : id
    }

    /// A delivery status report from a message/delivery-status body. `originalMessageID`
    /// comes from elsewhere in the report when the body does not name it.
    static func deliveryStatus(_ text: String, originalMessageID: String?) -> DeliveryStatusReport {
        let all = blocks(text)
        var messageID = originalMessageID
        if messageID == nil, let first = all.first {
            messageID = (value("original-message-id", in: first) ?? value("x-original-message-id", in: first)).flatMap(self.messageID)
        }
        var recipients: [DeliveryStatusRecipient] = []
        for block in all {
            guard let address = value("final-recipient", in: block) ?? value("original-recipient", in: block),
                  let action = value("action", in: block)
            else { continue }
            recipients.append(DeliveryStatusRecipient(
                recipient: withoutType(address),
                action: action.lowercased(),
                status: value("status", in: block).map { String($0.prefix { !$0.isWhitespace }) },
                diagnostic: value("diagnostic-code", in: block).map(withoutType)
            ))
        }
        return DeliveryStatusReport(originalMessageID: messageID, recipients: recipients)
    }

    /// A disposition report from a message/disposition-notification body.
    static func disposition(_ text: String, originalMessageID: String?) -> DispositionReport {
        let fields = blocks(text).flatMap { $0 }
        let disposition = value("disposition", in: fields).map { withoutType($0) } ?? ""
        // `displayed/error` or `displayed`: the type is before any modifier.
        let type = disposition.prefix { $0 != "/" && !$0.isWhitespace }.lowercased()
        return DispositionReport(
            originalMessageID: value("original-message-id", in: fields).flatMap(messageID) ?? originalMessageID,
            finalRecipient: value("final-recipient", in: fields).map(withoutType),
            disposition: type
        )
    }

    /// The Message-ID field of a text/rfc822-headers body, without angle brackets.
    static func headerMessageID(_ text: String) -> String? {
        let fields = blocks(text).first ?? []
        return value("message-id", in: fields).flatMap(messageID)
    }
}

extension StringProtocol {
    /// Without spaces and tabs (and, with `newlines`, line breaks) at either end. In Swift,
    /// not Foundation: Foundation's trimming bridges through NSString, slow on long texts.
    func trimmingWhitespace(including newlines: Bool = false) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || (newlines && $0.isNewline) }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
