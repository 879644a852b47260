import Foundation

/// IMAP strings in commands (RFC 9051 4.3).
public enum IMAPString {
    /// `text` as an IMAP quoted string: `\` and `"` escaped, the rest as it is.
    public static func quoted(_ text: String) -> String {
        "\"\(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
    }
}
