import HandoffCore

/// MIME header parameters (`name="…"`, `filename*0*=UTF-8''…`) for attachment names.
enum MIMEParameter {
    /// The longest plain name written as a simple quoted parameter. Longer names get RFC 2231
    /// continuations (which fold) plus a shortened fallback, so no line grows unbounded.
    static let maxPlainLength = 60

    /// The parameter tokens for `attribute` = `value`, each ending in `;` except the last.
    ///
    /// A short printable-ASCII value without `"` or `\` is one quoted parameter. Anything
    /// else is written RFC 2231 style (`attribute*=UTF-8''…`, split into `attribute*0*`,
    /// `attribute*1*`, … when long) followed by an ASCII `attribute="…"` fallback for readers
    /// that know no RFC 2231. The extended form comes first: readers that take the first
    /// occurrence of a name (Python's email package does) then see the exact name, and
    /// readers that know RFC 2231 prefer it wherever it is.
    static func tokens(attribute: String, value: String, isLast: Bool) -> [String] {
        var tokens: [String]
        if isPlain(value) {
            tokens = ["\(attribute)=\"\(value)\""]
        } else {
            tokens = extended(attribute: attribute, value: value) + ["\(attribute)=\"\(fallback(for: value))\""]
        }
        for index in tokens.indices where !(isLast && index == tokens.count - 1) {
            tokens[index] += ";"
        }
        return tokens
    }

    static func isPlain(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= maxPlainLength
            && value.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// RFC 2231 extended values, each token short enough for one folded line
    /// (` attribute*12*=…;` within 76 columns). Sections end at scalar boundaries and never
    /// split a `%XX` triplet.
    static func extended(attribute: String, value: String) -> [String] {
        let encodedScalars = value.unicodeScalars.map { scalar in
            String(String(scalar).utf8.flatMap(percentEncoded))
        }
        let whole = "UTF-8''" + encodedScalars.joined()
        let single = "\(attribute)*=\(whole)"
        if single.utf8.count + 2 <= HeaderLine.width { return [single] }

        var sections: [String] = []
        var current = "UTF-8''"
        var piecesInCurrent = 0
        func prefix(_ section: Int) -> String { "\(attribute)*\(section)*=" }
        for piece in encodedScalars {
            // 1 for the folding space, 1 for the ';' that follows every section but the last.
            let length = prefix(sections.count).utf8.count + current.utf8.count + piece.utf8.count + 2
            if length > HeaderLine.width, piecesInCurrent > 0 {
                sections.append(current)
                current = ""
                piecesInCurrent = 0
            }
            current += piece
            piecesInCurrent += 1
        }
        sections.append(current)
        return sections.enumerated().map { prefix($0.offset) + $0.element }
    }

    /// RFC 2231 `attribute-char` bytes stay literal, everything else is `%XX`.
    private static func percentEncoded(_ byte: UInt8) -> [Character] {
        if isASCIILetterOrDigit(byte) || "!#$&+-.^_`|~".utf8.contains(byte) {
            return [Character(Unicode.Scalar(byte))]
        }
        return ["%"] + Array(Hex.string([byte], uppercase: true))
    }

    /// A short printable-ASCII stand-in for `value`: other characters (and `"`, `\`) become
    /// `_`, and a long name keeps its start and its extension.
    static func fallback(for value: String) -> String {
        var name = String(value.unicodeScalars.map { scalar -> Character in
            scalar.value >= 0x20 && scalar.value <= 0x7E && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        if name.isEmpty { name = "attachment" }
        guard name.count > maxPlainLength else { return name }
        var suffix = ""
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 12 {
            suffix = String(name[dot...])
        }
        return String(name.prefix(maxPlainLength - suffix.count)) + suffix
    }
}
