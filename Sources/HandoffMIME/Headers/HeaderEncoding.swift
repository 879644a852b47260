import HandoffCore

/// Turns header values into header tokens: plain words when the text allows it, quoted
/// strings for display names with specials, RFC 2047 encoded words for everything else.
enum HeaderEncoding {
    /// Appends unstructured text (Subject, extra headers).
    ///
    /// Plain ASCII words separated by single spaces go out as they are, folded at the spaces.
    /// Anything else (non-ASCII, tabs, runs of spaces, leading or trailing spaces, a word too
    /// long to fold or to fit after the header name, or a `=?` that a reader could take for
    /// an encoded word) is written wholly as encoded words, which carry every character
    /// exactly and can be split anywhere.
    static func appendUnstructured(_ text: String, to line: inout HeaderLine) {
        guard !text.isEmpty else { return }
        if let words = plainWords(text, allowed: { $0 >= 0x21 && $0 <= 0x7E }), line.fits(words[0]) {
            line.append(contentsOf: words)
        } else {
            line.append(contentsOf: EncodedWord.encode(text, firstLimit: line.firstEncodedWordLimit))
        }
    }

    /// Appends a display name (RFC 5322 `phrase`): atoms when it is made only of atom
    /// characters, else a quoted string when it is printable ASCII and short enough, else
    /// encoded words (never inside quotes, where readers would not decode them).
    static func appendPhrase(_ name: String, to line: inout HeaderLine) {
        if let words = plainWords(name, allowed: isAtomText), line.fits(words[0]) {
            line.append(contentsOf: words)
        } else if let quoted = quotedString(name), quoted.utf8.count <= EncodedWord.maxLength, line.fits(quoted) {
            line.append(quoted)
        } else {
            line.append(contentsOf: EncodedWord.encode(name, firstLimit: line.firstEncodedWordLimit))
        }
    }

    /// Appends a comma-separated address list, folding between and inside addresses.
    static func appendAddresses(_ addresses: [EmailAddress], header: String, to line: inout HeaderLine) throws(HandoffError) {
        for (index, address) in addresses.enumerated() {
            let isLast = index == addresses.count - 1
            // The same canonical form the envelope carries (see `EmailAddress.address`).
            var spec = address.address
            if let name = address.displayName {
                try HeaderText.refuseLineBreaks(in: name, header: "\(header) (display name of \(address.address))")
                appendPhrase(name, to: &line)
                spec = "<\(spec)>"
            }
            line.append(isLast ? spec : spec + ",")
        }
    }

    // MARK: - Pieces

    /// The words of `text` when it can be written without encoding: single spaces between
    /// words, none leading or trailing, every byte `allowed`, no `=?`, and every word short
    /// enough to start a folded line. Nil otherwise.
    static func plainWords(_ text: String, allowed: (UInt8) -> Bool) -> [String]? {
        guard !text.isEmpty, !text.contains("=?") else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        for word in words {
            guard !word.isEmpty, word.utf8.count < HeaderLine.width, word.utf8.allSatisfy(allowed) else { return nil }
        }
        return words.map(String.init)
    }

    /// `"…"` with `\` and `"` escaped, when every character is printable ASCII.
    static func quotedString(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else { return nil }
        var out = "\""
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out += "\\" }
            out.unicodeScalars.append(Unicode.Scalar(byte))
        }
        return out + "\""
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtomText(_ byte: UInt8) -> Bool {
        isASCIILetterOrDigit(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    static func isDotAtom(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy(isAtomText)
        }
    }
}
