/// Control characters in names and one-line values: CR and LF break headers and lines,
/// ESC sequences repaint a terminal, NUL ends a C string early. Errors name them by code
/// point, since printing them would do what they do.
extension Unicode.Scalar {
    /// `U+000D`: how a message names a character that cannot be shown.
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// C0 and C1 controls and DEL (Unicode category Cc).
    public var isControl: Bool { properties.generalCategory == .control }
}

extension StringProtocol {
    /// The first control character, tabs allowed or not; checked by scalar, because CRLF
    /// is one `Character` that equals neither "\r" nor "\n".
    public func firstControlCharacter(allowingTab: Bool = false) -> Unicode.Scalar? {
        unicodeScalars.first { $0.isControl && !(allowingTab && $0 == "\t") }
    }
}
