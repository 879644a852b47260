import HandoffCore

/// Reads an IMAP server's byte stream incrementally: fed chunks as they arrive, it yields
/// complete responses, and streams message bodies (the literals of FETCH `BODY[…]` items)
/// as start / data / end events, so a 50 MB message never sits in memory. Pure, no I/O.
///
/// Other literals (a mailbox name sent as `{5}`) are small and kept in their line. Every
/// line, with the literals it keeps, is capped at `maxLineBytes`: a server that never sends
/// a line break gets an error, not unbounded growth.
public struct IMAPResponseReader: Sendable {
    public static let defaultMaxLineBytes = 1 << 20

    public let maxLineBytes: Int
    private var state = State.line
    /// Bytes of the current physical line, up to its line break.
    private var pending: [UInt8] = []
    /// The logical line so far: physical lines joined, each literal left as its `{n}`.
    private var line: [UInt8] = []
    private var literals: [[UInt8]?] = []
    private var inlineLiteral: [UInt8] = []

    private enum State: Sendable {
        case line
        case inlineLiteral(remaining: Int)
        case streamedLiteral(remaining: Int64)
    }

    public init(maxLineBytes: Int = IMAPResponseReader.defaultMaxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    /// True between responses: nothing half-read (what a caller checks at end of stream).
    public var isBetweenResponses: Bool {
        if case .line = state { return pending.isEmpty && line.isEmpty }
        return false
    }

    /// Reads `bytes`, returning the events they complete, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(HandoffError) -> [IMAPResponseEvent] {
        let input = Array(bytes)
        var events: [IMAPResponseEvent] = []
        var index = 0
        while index < input.count {
            switch state {
            case .streamedLiteral(let remaining):
                let count = Int(min(remaining, Int64(input.count - index)))
                events.append(.literalData(Array(input[index..<(index + count)])))
                index += count
                finishLiteral(remaining: remaining - Int64(count), events: &events)
            case .inlineLiteral(let remaining):
                let count = min(remaining, input.count - index)
                inlineLiteral += input[index..<(index + count)]
                index += count
                if count == remaining {
                    literals.append(inlineLiteral)
                    inlineLiteral = []
                    state = .line
                } else {
                    state = .inlineLiteral(remaining: remaining - count)
                }
            case .line:
                let newline = input[index...].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline.map { $0 + 1 } ?? input.count
                pending += input[index..<end]
                index = end
                guard line.count + pending.count <= maxLineBytes else {
                    throw IMAPValueScanner.error("a line is longer than \(maxLineBytes) bytes")
                }
                if newline != nil { try finishPhysicalLine(events: &events) }
            }
        }
        return events
    }

    private mutating func finishLiteral(remaining: Int64, events: inout [IMAPResponseEvent]) {
        if remaining == 0 {
            events.append(.literalEnd)
            state = .line
        } else {
            state = .streamedLiteral(remaining: remaining)
        }
    }

    /// A line break arrived: either a literal begins, or the logical line is complete.
    private mutating func finishPhysicalLine(events: inout [IMAPResponseEvent]) throws(HandoffError) {
        var segment = pending
        pending = []
        segment.removeLast()
        if segment.last == UInt8(ascii: "\r") { segment.removeLast() }
        line += segment
        guard let length = try Self.literalLength(at: segment) else {
            let complete = line
            let kept = literals
            line = []
            literals = []
            events.append(.response(try IMAPResponseParser.parse(complete, literals: kept)))
            return
        }
        if let start = IMAPResponseParser.bodyLiteral(line, literals: literals, length: length) {
            literals.append(nil)
            events.append(.literalStart(start))
            finishLiteral(remaining: length, events: &events)
            return
        }
        guard length <= Int64(maxLineBytes - line.count) else {
            throw IMAPValueScanner.error("a literal of \(length) bytes does not fit the \(maxLineBytes)-byte line limit")
        }
        state = .inlineLiteral(remaining: Int(length))
        if length == 0 {
            literals.append([])
            state = .line
        }
    }

    /// The size of a literal announced at the end of a line (`{123}`, or `{123+}`), nil when
    /// the line does not end in one. `~{n}` (a binary literal) is refused.
    static func literalLength(at segment: [UInt8]) throws(HandoffError) -> Int64? {
        guard segment.last == UInt8(ascii: "}"), let open = segment.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = segment[(open + 1)..<(segment.count - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if open > 0, segment[open - 1] == UInt8(ascii: "~") {
            throw IMAPValueScanner.error("the server sent a binary literal (~{n}), which was never asked for")
        }
        return Int64(String(decoding: digits, as: UTF8.self))
    }
}
