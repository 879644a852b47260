/// One SMTP reply: a three-digit code and its text, over one or more lines (RFC 5321 4.2).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    /// The text of each line after the code and separator, e.g. `2.0.0 Ok: queued as 4Xk`.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200...399).contains(code) }
    public var isTransient: Bool { (400...499).contains(code) }
    public var isPermanent: Bool { (500...599).contains(code) }

    /// The reply as the server wrote it, lines joined with a space: `250 2.0.0 Ok: queued as 4Xk`.
    public var text: String {
        ([String(code)] + lines.filter { !$0.isEmpty }).joined(separator: " ")
    }

    public var description: String { text }

    /// The code and text of one reply line: `250-SIZE 1000` is (250, continues, `SIZE 1000`).
    /// nil for a line that does not start with three digits.
    static func parseLine(_ line: String) -> (code: Int, continues: Bool, text: Substring)? {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self))
        else { return nil }
        let continues = bytes.count == 4 && bytes[3] == UInt8(ascii: "-")
        let text = line.dropFirst(min(4, line.count))
        return (code, continues, bytes.count == 3 ? "" : text)
    }
}
