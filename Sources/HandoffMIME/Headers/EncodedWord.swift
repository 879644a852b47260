import HandoffCore

/// RFC 2047 encoded words (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`) for non-ASCII header text.
enum EncodedWord {
    /// RFC 2047 section 2: an encoded word is at most 75 characters.
    static let maxLength = 75
    /// Room for the 12 characters of `=?UTF-8?Q?` + `?=` and one four-byte scalar in Q (12).
    static let minimumLength = 24

    enum Encoding: Character, Sendable {
        case base64 = "B"
        case quoted = "Q"
    }

    private static let prefixLength = "=?UTF-8?B?".utf8.count
    private static let overhead = prefixLength + "?=".utf8.count

    /// Encodes `text` as encoded words to be joined by spaces (decoders drop the space between
    /// two encoded words). The shorter of B and Q is used: Q keeps mostly-ASCII text readable.
    ///
    /// Words are cut at Unicode scalar boundaries, because RFC 2047 requires each word to
    /// decode on its own to whole characters. The first word is at most `firstLimit`
    /// characters (to fill the rest of a header line), the others at most `limit`.
    static func encode(_ text: String, firstLimit: Int = maxLength, limit: Int = maxLength) -> [String] {
        let bytes = Array(text.utf8)
        let quotedLength = bytes.reduce(0) { $0 + qWidth($1) }
        let base64Length = (bytes.count + 2) / 3 * 4
        return encode(text, using: quotedLength <= base64Length ? .quoted : .base64, firstLimit: firstLimit, limit: limit)
    }

    static func encode(_ text: String, using encoding: Encoding, firstLimit: Int = maxLength, limit: Int = maxLength) -> [String] {
        precondition(firstLimit >= minimumLength && limit >= minimumLength, "encoded-word limit too small")
        var words: [String] = []
        var pending: [UInt8] = []
        var pendingWidth = 0
        var capacity = firstLimit - overhead

        func flush() {
            guard !pending.isEmpty else { return }
            words.append(render(pending, encoding))
            pending.removeAll(keepingCapacity: true)
            pendingWidth = 0
            capacity = limit - overhead
        }

        for scalar in text.unicodeScalars {
            let scalarBytes = Array(String(scalar).utf8)
            let fits: Bool
            switch encoding {
            case .quoted:
                let width = scalarBytes.reduce(0) { $0 + qWidth($1) }
                fits = pendingWidth + width <= capacity
                if !fits { flush() }
                pendingWidth += width
            case .base64:
                // Base64 grows in 4-character steps per 3 bytes, so count bytes against the
                // largest byte count whose encoding fits.
                fits = pending.count + scalarBytes.count <= capacity / 4 * 3
                if !fits { flush() }
            }
            pending += scalarBytes
        }
        flush()
        return words
    }

    private static func render(_ bytes: [UInt8], _ encoding: Encoding) -> String {
        var out = "=?UTF-8?\(encoding.rawValue)?"
        switch encoding {
        case .base64:
            out += Base64.encode(bytes)
        case .quoted:
            for byte in bytes {
                if byte == 0x20 {
                    out += "_"
                } else if isQSafe(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "=" + Hex.string([byte], uppercase: true)
                }
            }
        }
        return out + "?="
    }

    /// RFC 2047 section 5 (3): the characters a Q word may carry literally in a phrase. The
    /// same (strictest) set is used in unstructured text, so one encoder serves both.
    @inline(__always)
    static func isQSafe(_ byte: UInt8) -> Bool {
        isASCIILetterOrDigit(byte) || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "*")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }

    @inline(__always)
    private static func qWidth(_ byte: UInt8) -> Int {
        byte == 0x20 || isQSafe(byte) ? 1 : 3
    }
}
