/// Names from the file system or the command line, made safe to print in a message.
///
/// A file name is bytes: it may not be valid UTF-8, and it may hold CR, LF or escape
/// sequences that would break a message in two or drive the terminal. Each invalid byte
/// shows as `\xNN` and each control character as `\r`, `\n`, `\t` or `\u{NN}`, so a person
/// sees exactly which name is meant and can type it back.
public enum EscapedText {
    public static func escaping(_ bytes: some Sequence<UInt8>) -> String {
        let bytes = Array(bytes)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var text = ""
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                text += escaping(Unicode.UTF8.decode(encoded))
            case .error(let length):
                for byte in bytes[offset..<offset + length] { text += "\\x" + Hex.string([byte], uppercase: true) }
                offset += length
            case .emptyInput:
                return text
            }
        }
    }

    public static func escaping(_ text: String) -> String {
        text.unicodeScalars.map(escaping).joined()
    }

    /// Whether `text` holds a control character (C0, DEL or C1), CR and LF included.
    public static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    private static func escaping(_ scalar: Unicode.Scalar) -> String {
        guard scalar.properties.generalCategory == .control else { return String(scalar) }
        switch scalar {
        case "\r": return "\\r"
        case "\n": return "\\n"
        case "\t": return "\\t"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
