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

/// What a job does.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    /// Package, send and record one handoff.
    case deliver
    /// Render and mail one receipt (a `receiptMessage` row) to a project's contacts.
    case receipt
    /// Mail the acknowledgement of a new client request (`acknowledge = true`).
    case acknowledge
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
