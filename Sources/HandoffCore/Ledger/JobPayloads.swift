/// The payloads the job queue writes about a delivery's attempts.

/// An attempt failed and another is scheduled.
public struct RetryingPayload: LedgerPayload {
    public static let kind = LedgerEventKind.retrying
    public var attempt: Int?
    public var error: String?
    public var nextAttemptInSeconds: Int?

    public init(attempt: Int?, error: String?, nextAttemptInSeconds: Int?) {
        self.attempt = attempt
        self.error = error
        self.nextAttemptInSeconds = nextAttemptInSeconds
    }

    enum CodingKeys: String, CodingKey {
        case attempt, error
        case nextAttemptInSeconds = "next_attempt_in_s"
    }
}

/// The delivery failed for good (or its job gave up).
public struct FailedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.failed
    public var error: String?

    public init(error: String?) {
        self.error = error
    }
}

/// The VA cancelled the delivery before it was sent.
public struct CancelledPayload: LedgerPayload {
    public static let kind = LedgerEventKind.cancelled

    public init() {}
}
