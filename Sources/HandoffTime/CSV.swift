import HandoffCore

/// RFC 4180 CSV: fields separated by commas, quoted with `"` when they hold a comma, a
/// quote or a line break; rows end with CRLF or LF. What Toggl, Clockify and spreadsheets
/// write, and what they read back.
public enum CSV {
    /// One parsed row and the line it started on (1-based), for errors that name it.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// Parses the whole text; a leading byte-order mark is skipped, blank lines are dropped.
    public static func parse(_ text: String, source: String) throws(HandoffError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoteLine = 0
        var line = 1
        var rowLine = 1
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    guard field.isEmpty else {
                        throw .badInput("\(source):\(line): a quote in the middle of a field; quote the whole field and double the quote inside it.")
                    }
                    inQuotes = true
                    quoteLine = line
                case UInt8(ascii: ","):
                    endField()
                case 0x0D:
                    break
                case 0x0A:
                    endRow()
                    line += 1
                    rowLine = line
                default:
                    field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes {
            throw .badInput("\(source):\(quoteLine): a quoted field is never closed.")
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }

    /// One row, fields quoted only when they need it, ending in CRLF (RFC 4180).
    public static func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        // Bytes, not characters: every byte that matters is ASCII, and receipts write
        // hundreds of thousands of fields.
        let utf8 = field.utf8
        var needsQuotes = false
        for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        // A leading = + - @ would be run as a formula by spreadsheets: a memo must stay text.
        let formula = utf8.first.map { [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains($0) } == true
            && Double(field) == nil
        guard needsQuotes || formula else { return field }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 4)
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        if formula { out.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
