import HandoffCore

/// A JSON document as a tree, with the one serialisation receipts are signed over.
///
/// Canonical form: object keys sorted by code point, no whitespace, strings escaped only
/// where JSON requires (`"`, `\`, control characters; `\n` `\r` `\t` `\b` `\f` short,
/// others as lower-case `\u00xx`), everything else as UTF-8, integers only. It is byte for
/// byte what Python writes with `json.dumps(value, sort_keys=True, separators=(",", ":"),
/// ensure_ascii=False)`, so anyone can recompute it offline.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    /// An integer, kept as its decimal text.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in any order; serialisation sorts them.
    case object([(String, JSONValue)])

    public static func int<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }

    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.canonicalBytes == rhs.canonicalBytes
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// An integer member as a number, when it fits.
    public var intValue: Int64? {
        if case .number(let digits) = self { return Int64(digits) }
        return nil
    }

    /// The canonical bytes (see the type's documentation).
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Indented with two spaces, keys sorted: for files people may open.
    public var prettyBytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out, indent: 2, level: 0)
        out.append(0x0A)
        return out
    }

    func write(to out: inout [UInt8], indent: Int?, level: Int) {
        switch self {
        case .string(let text):
            Self.writeString(text, to: &out)
        case .number(let digits):
            out.append(contentsOf: digits.utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            out.append(contentsOf: "null".utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                element.write(to: &out, indent: indent, level: level + 1)
            }
            if !elements.isEmpty { Self.newline(&out, indent, level) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { Self.precedes($0.0, $1.0) }
            for (index, (key, value)) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                value.write(to: &out, indent: indent, level: level + 1)
            }
            if !members.isEmpty { Self.newline(&out, indent, level) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Code-point order, as Python sorts `str` keys; UTF-8 byte order is the same order
    /// and much cheaper to compare.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func newline(_ out: inout [UInt8], _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                Hex.append(byte, to: &out)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
