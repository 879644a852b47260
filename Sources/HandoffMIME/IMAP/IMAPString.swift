import Foundation

/// IMAP strings in commands (RFC 9051 4.3).
public enum IMAPString {
    /// `text` as an IMAP quoted string: `\` and `"` escaped, the rest as it is.
    public static func quoted(_ text: String) -> String {
        "\"\(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
    }

    /// A mailbox name for a command: modified UTF-7 (RFC 3501 5.1.3, what IMAP4rev1 servers
    /// expect for names like `Erledigt/Geprüft`), then quoted. nil for a name holding a line
    /// break or NUL, which no command can carry.
    public static func mailbox(_ name: String) -> String? {
        guard !name.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else { return nil }
        return quoted(modifiedUTF7(name))
    }

    /// Printable ASCII stays (with `&` as `&-`); every run of other characters becomes
    /// `&` + base64 of its UTF-16BE, `/` written as `,`, without padding, + `-`.
    static func modifiedUTF7(_ name: String) -> String {
        var out = ""
        var run: [UInt16] = []
        func flush() {
            guard !run.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in run { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            let encoded = Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: ",").replacingOccurrences(of: "=", with: "")
            out += "&" + encoded + "-"
            run = []
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value <= 0x7E {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                run += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }
}
