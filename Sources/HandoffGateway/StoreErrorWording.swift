import HandoffCore
import HandoffStore

extension HandoffError {
    /// The store's error with the way out in the commands a VA types: the store knows
    /// jobs and rows, the gateway knows which command shows or changes them.
    public init(worded error: StoreError) {
        let hint: String? =
            switch error.reason {
            case .noSuchJob: "See `handoff queue list`."
            case .jobNotRetryable, .jobFinished: "See `handoff queue list` for the jobs that can be."
            case .mayHaveReachedClient: "To send it anyway, deliver it again with `handoff deliver`."
            default: nil
            }
        self.init(error.kind, [error.message, hint].compactMap { $0 }.joined(separator: " "))
    }
}
