/// A handoff's public identifier, e.g. `H-7K2M9QXA4D`: short enough to read over the phone,
/// random enough never to collide in one VA's store, and safe in file names and URLs.
public struct HandoffID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Accepts the id as printed, case-insensitively.
    public init(parsing text: String) throws(HandoffError) {
        let upper = text.trimmingWhitespace().uppercased()
        guard upper.hasPrefix("H-"), upper.count == 12,
              upper.dropFirst(2).allSatisfy({ RandomToken.crockford.contains($0) })
        else {
            throw .usage("'\(text)' is not a handoff id (they look like H-7K2M9QXA4D).")
        }
        self.rawValue = upper
    }

    public static func generate() -> HandoffID {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    public static func generate(using generator: inout some RandomNumberGenerator) -> HandoffID {
        HandoffID(rawValue: "H-" + RandomToken.crockford(length: 10, using: &generator))
    }

    public var description: String { rawValue }
    public static func < (lhs: HandoffID, rhs: HandoffID) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum RandomToken {
    /// Crockford's base-32 alphabet: no I, L, O or U, so ids survive being read aloud.
    public static let crockford: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// `length` characters, 5 random bits each. Twelve characters are cut from every 64-bit
    /// draw: the system generator makes one system call per draw, and every message sent
    /// asks for several tokens (boundary, temporary names).
    public static func crockford(length: Int, using generator: inout some RandomNumberGenerator) -> String {
        var text = ""
        text.reserveCapacity(length)
        var bits: UInt64 = 0
        var left = 0
        for _ in 0..<length {
            if left == 0 {
                bits = generator.next()
                left = 12
            }
            text.append(crockford[Int(bits & 31)])
            bits >>= 5
            left -= 1
        }
        return text
    }
}
