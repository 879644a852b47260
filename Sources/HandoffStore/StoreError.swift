import HandoffCore

/// What went wrong in the store, with the facts a caller needs to word it for a person.
///
/// The store knows rows, jobs and files, not the commands that reach them: `message` says
/// what happened in plain words, and the caller (the CLI, the daemon) adds the way out in
/// its own terms, choosing by `reason`. A struct around a private code, so that a new
/// reason does not break a caller that switches over the ones it knows.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case unknownValue(table: String, row: String, column: String, value: String)
        case noSuchJob(Int64)
        case jobNotRetryable(Int64, state: JobState)
        case jobRunning(Int64)
        case jobFinished(Int64, state: JobState)
        case mayHaveReachedClient(HandoffID, status: HandoffStatus)
        case busy(path: String, action: String)
        case diskFull(path: String, action: String)
        case notPermitted(path: String, action: String, detail: String)
        case failed(path: String, action: String, detail: String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// Which kind of failure this is, for a caller that words some of them its own way.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A column holds a value this version of Handoff does not know.
        public static let unknownValue = Reason("unknown_value")
        public static let noSuchJob = Reason("no_such_job")
        /// Only failed, dead or cancelled jobs go back in the queue.
        public static let jobNotRetryable = Reason("job_not_retryable")
        /// A running job cannot be cancelled midway.
        public static let jobRunning = Reason("job_running")
        /// The job succeeded or was cancelled already.
        public static let jobFinished = Reason("job_finished")
        /// The handoff may be in the client's mailbox: it is never queued again on its own.
        public static let mayHaveReachedClient = Reason("may_have_reached_client")
        /// Another process holds the database.
        public static let busy = Reason("busy")
        public static let diskFull = Reason("disk_full")
        /// The file or its folder may not be opened or written.
        public static let notPermitted = Reason("not_permitted")
        /// Any other database failure.
        public static let failed = Reason("failed")

        /// Bounded: safe as a metric label or a log key.
        public var description: String { name }
    }

    public var reason: Reason {
        switch code {
        case .unknownValue: .unknownValue
        case .noSuchJob: .noSuchJob
        case .jobNotRetryable: .jobNotRetryable
        case .jobRunning: .jobRunning
        case .jobFinished: .jobFinished
        case .mayHaveReachedClient: .mayHaveReachedClient
        case .busy: .busy
        case .diskFull: .diskFull
        case .notPermitted: .notPermitted
        case .failed: .failed
        }
    }

    /// The job the error is about, if it is about one.
    public var job: Int64? {
        switch code {
        case .noSuchJob(let id), .jobNotRetryable(let id, _), .jobRunning(let id), .jobFinished(let id, _): id
        default: nil
        }
    }

    /// The handoff the error is about, if it is about one.
    public var handoff: HandoffID? {
        if case .mayHaveReachedClient(let id, _) = code { return id }
        return nil
    }

    /// How the process should end if nothing handles the error (sysexits categories).
    public var kind: HandoffError.Kind {
        switch code {
        case .noSuchJob, .jobNotRetryable, .jobFinished, .mayHaveReachedClient: .usage
        case .busy, .diskFull, .jobRunning: .temporary
        case .notPermitted: .config
        case .unknownValue, .failed: .internal
        }
    }

    /// What happened, naming the row, the job or the file; no command of any front end.
    public var message: String {
        switch code {
        case .unknownValue(let table, let row, let column, let value):
            "Row \(row) of table \(table) cannot be read: its \(column) is '\(value)', which this version of Handoff does not know (a newer version wrote it, or the row was changed outside Handoff)."
        case .noSuchJob(let id):
            "There is no job \(id)."
        case .jobNotRetryable(let id, let state):
            "Job \(id) is \(state.rawValue); only failed, dead or cancelled jobs can be retried."
        case .jobRunning(let id):
            "Job \(id) is running right now; cancel it after this attempt ends."
        case .jobFinished(let id, let state):
            "Job \(id) is already \(state.rawValue); nothing to cancel."
        case .mayHaveReachedClient(let id, let status):
            "Handoff \(id) is \(status.rawValue): it may already have reached the client. Check with the client before delivering again."
        case .busy(let path, let action):
            "The store \(path) is busy (another handoff process holds it) while trying to \(action); try again."
        case .diskFull(let path, let action):
            "The disk holding \(path) is full while trying to \(action); free some space, then try again."
        case .notPermitted(let path, let action, let detail):
            "Cannot \(action) the store \(path): \(detail). Check gateway.data_dir and its permissions."
        case .failed(let path, let action, let detail):
            "The store \(path) failed to \(action): \(detail)."
        }
    }

    public var description: String { message }

    static func unknownValue(table: String, row: String, column: String, value: String) -> StoreError {
        StoreError(.unknownValue(table: table, row: row, column: column, value: value))
    }
    static func noSuchJob(_ id: Int64) -> StoreError { StoreError(.noSuchJob(id)) }
    static func jobNotRetryable(_ id: Int64, state: JobState) -> StoreError { StoreError(.jobNotRetryable(id, state: state)) }
    static func jobRunning(_ id: Int64) -> StoreError { StoreError(.jobRunning(id)) }
    static func jobFinished(_ id: Int64, state: JobState) -> StoreError { StoreError(.jobFinished(id, state: state)) }
    static func mayHaveReachedClient(_ id: HandoffID, status: HandoffStatus) -> StoreError {
        StoreError(.mayHaveReachedClient(id, status: status))
    }
    static func busy(path: String, action: String) -> StoreError { StoreError(.busy(path: path, action: action)) }
    static func diskFull(path: String, action: String) -> StoreError { StoreError(.diskFull(path: path, action: action)) }
    static func notPermitted(path: String, action: String, detail: String) -> StoreError {
        StoreError(.notPermitted(path: path, action: action, detail: detail))
    }
    static func failed(path: String, action: String, detail: String) -> StoreError {
        StoreError(.failed(path: path, action: action, detail: detail))
    }
}

extension HandoffError {
    /// The store's error in its own words, for callers with nothing to add.
    public init(_ error: StoreError) {
        self.init(error.kind, error.message)
    }
}
