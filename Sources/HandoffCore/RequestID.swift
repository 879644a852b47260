/// A client request's public identifier, `R-12`: numbered by the store in arrival order and
/// never reused, short enough for a subject tag (`[#R-12]`) and a phone call.
public struct RequestID: Sendable, Hashable, Comparable, CustomStringConvertible, TextCodable {
    public let number: Int

    public init(number: Int) { self.number = number }

    /// Accepts `R-12` as printed, case-insensitively and trimmed; nothing else, so a stray
    /// number or a handoff id is never taken for a request.
    public init?(rawValue: String) {
        let text = rawValue.trimmingWhitespace()
        guard text.count >= 3, text.first == "R" || text.first == "r", text.dropFirst().first == "-" else { return nil }
        let digits = text.dropFirst(2)
        // At most 12 digits: any real store stays far below, and the value never overflows.
        guard digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 else {
            return nil
        }
        self.number = number
    }

    public init(parsing text: String) throws(HandoffError) {
        guard let id = RequestID(rawValue: text) else {
            throw .usage("'\(text)' is not a request id (they look like R-12; `handoff requests list` shows them).")
        }
        self = id
    }

    public var rawValue: String { "R-\(number)" }
    public var codableText: String { rawValue }
    public var description: String { rawValue }
    public static func < (lhs: RequestID, rhs: RequestID) -> Bool { lhs.number < rhs.number }
}
