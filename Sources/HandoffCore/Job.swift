/// The life of a queued job.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Waiting for `runAt`.
    case queued
    /// Leased by a worker; if the lease expires the job is queued again.
    case running
    case succeeded
    /// Failed for good on a permanent error (no retry makes sense).
    case failed
    /// Gave up after the retry limit.
    case dead
    /// Cancelled by the VA.
    case cancelled

    public var isFinal: Bool { self == .succeeded || self == .failed || self == .dead || self == .cancelled }
}

/// What a job does: the name its handler is registered under.
///
/// Open, not an enum: a new kind of job is a new handler registered beside the others, and
/// neither the store nor the worker changes. A gateway claims only the kinds it has
/// handlers for, so a job queued by a newer version waits for that version.
public struct JobKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// A kind is non-empty lower-case ASCII letters, digits, `_` and `-`: it is stored as
    /// text and shown in `queue list`, and anything else in that column is a damaged or
    /// foreign row, refused instead of guessed at.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty, rawValue.utf8.allSatisfy(Self.isAllowed) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// Package, send and record one handoff.
    public static let deliver = JobKind(known: "deliver")
    /// Render and mail one receipt (a `receiptMessage` row) to a project's contacts.
    public static let receipt = JobKind(known: "receipt")
    /// Mail the acknowledgement of a new client request (`acknowledge = true`).
    public static let acknowledge = JobKind(known: "acknowledge")

    /// For the kinds written in the source above, which are valid by construction.
    private init(known: String) { rawValue = known }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }
}

/// Bounded retries with exponential backoff and full jitter.
///
/// Attempt `n` (1-based, the attempt that just failed) waits a random time in
/// `[delay/2, delay]` where `delay = min(cap, base * 2^(n-1))`; keeping half of it fixed
/// spreads retries without ever retrying at once.
public struct RetryPolicy: Sendable, Equatable, Codable {
    public var maxAttempts: Int
    public var baseSeconds: Double
    public var capSeconds: Double

    public init(maxAttempts: Int = 8, baseSeconds: Double = 30, capSeconds: Double = 3600) {
        self.maxAttempts = maxAttempts
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    public static let `default` = RetryPolicy()

    /// The largest wait after failed attempt `attempt`, before jitter.
    public func ceiling(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 62)))
        return min(capSeconds, baseSeconds * pow2(exponent))
    }

    /// The wait after failed attempt `attempt`, or nil when no attempt is left.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Double? {
        guard attempt < maxAttempts else { return nil }
        let ceiling = ceiling(afterAttempt: attempt)
        return Double.random(in: (ceiling / 2)...ceiling, using: &generator)
    }

    public func delay(afterAttempt attempt: Int) -> Double? {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
