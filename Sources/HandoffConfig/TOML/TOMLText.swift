/// Writing values back as TOML text: for generated files and for quoting what a person
/// wrote in an error message, so the message shows it exactly as it would be typed.
public enum TOMLText {
    /// A basic (double-quoted) string with everything that needs it escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A key as it would be written: bare when it can be, quoted otherwise.
    public static func key(_ key: String) -> String {
        isBareKey(key) ? key : quoted(key)
    }

    /// A dotted key path (`projects.demo.deliver`), each part bare or quoted as needed.
    public static func keyPath(_ parts: [String]) -> String {
        parts.map(key).joined(separator: ".")
    }

    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy(isBareKeyScalar)
    }

    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }
}
