import HandoffCore

/// `[queue]`: how failed deliveries are retried and how long a worker holds a job.
public struct QueueSettings: Sendable {
    /// From `max_attempts`, `backoff_base_seconds`, `backoff_cap_seconds`.
    public var retry: RetryPolicy
    /// `lease_seconds`: a job whose worker vanished is queued again after this long.
    public var leaseSeconds: Int

    public static let defaultLeaseSeconds = 300

    public init(retry: RetryPolicy = .default, leaseSeconds: Int = QueueSettings.defaultLeaseSeconds) {
        self.retry = retry
        self.leaseSeconds = leaseSeconds
    }
}
