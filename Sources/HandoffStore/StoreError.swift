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
        case clockRunning(project: String, since: String, entry: Int64)
        case clockNotRunning
        case noEntryToNote
        case noSuchRequest(String)
        case requestUnmatched(String)
        case requestAssigned(String, project: String)
        case runningTooLong(action: String, at: String, entry: Int64, project: String, since: String, detail: String)
        case noSuchTimeEntry(Int64, billedFor: String?)
        case alreadyBilled(Int64, handoff: String, status: String)
        case nothingToChange(Int64)
        case amendmentNeedsReason(Int64, handoff: HandoffID)
        case ledgerCutShort(problem: String)
        case unreadableTimeEntry(Int64, column: String)
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
        /// The clock already runs on the same project and request.
        public static let clockRunning = Reason("clock_running")
        /// Stopping the clock needs a running clock.
        public static let clockNotRunning = Reason("clock_not_running")
        /// A note goes on the running entry, and none runs.
        public static let noEntryToNote = Reason("no_entry_to_note")
        public static let noSuchRequest = Reason("no_such_request")
        /// The request belongs to no project yet: nothing bills or answers it until it is assigned.
        public static let requestUnmatched = Reason("request_unmatched")
        /// The request already belongs to a project (or another one than expected).
        public static let requestAssigned = Reason("request_assigned")
        /// Stopping the running entry at that time would make it longer than any entry may be.
        public static let runningTooLong = Reason("running_too_long")
        /// `project` is set when the entry was named to be billed by a handoff of it.
        public static let noSuchTimeEntry = Reason("no_such_time_entry")
        /// The entry is billed by another handoff that still counts.
        public static let alreadyBilled = Reason("already_billed")
        /// An edit that changes nothing.
        public static let nothingToChange = Reason("nothing_to_change")
        /// An entry billed by a sent handoff changes only as an amendment with a reason.
        public static let amendmentNeedsReason = Reason("amendment_needs_reason")
        /// The ledger no longer reaches the head its anchor vouches for.
        public static let ledgerCutShort = Reason("ledger_cut_short")
        /// A time entry's row holds a value that cannot be read.
        public static let unreadableTimeEntry = Reason("unreadable_time_entry")

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
        case .clockRunning: .clockRunning
        case .clockNotRunning: .clockNotRunning
        case .noEntryToNote: .noEntryToNote
        case .noSuchRequest: .noSuchRequest
        case .requestUnmatched: .requestUnmatched
        case .requestAssigned: .requestAssigned
        case .runningTooLong: .runningTooLong
        case .noSuchTimeEntry: .noSuchTimeEntry
        case .alreadyBilled: .alreadyBilled
        case .nothingToChange: .nothingToChange
        case .amendmentNeedsReason: .amendmentNeedsReason
        case .ledgerCutShort: .ledgerCutShort
        case .unreadableTimeEntry: .unreadableTimeEntry
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

    /// The request the error is about, if it is about one.
    public var request: String? {
        switch code {
        case .noSuchRequest(let id), .requestUnmatched(let id), .requestAssigned(let id, _): id
        default: nil
        }
    }

    /// The time entry the error is about, if it is about one.
    public var timeEntry: Int64? {
        switch code {
        case .clockRunning(_, _, let id), .runningTooLong(_, _, let id, _, _, _), .noSuchTimeEntry(let id, _),
            .alreadyBilled(let id, _, _), .nothingToChange(let id), .amendmentNeedsReason(let id, _),
            .unreadableTimeEntry(let id, _):
            id
        default: nil
        }
    }

    /// The project a missing entry was to be billed for, when it was named for billing.
    public var billedProject: String? {
        if case .noSuchTimeEntry(_, let project) = code { return project }
        return nil
    }

    /// How the process should end if nothing handles the error (sysexits categories).
    public var kind: HandoffError.Kind {
        switch code {
        case .noSuchJob, .jobNotRetryable, .jobFinished, .mayHaveReachedClient: .usage
        case .clockRunning, .clockNotRunning, .noEntryToNote, .nothingToChange, .amendmentNeedsReason: .usage
        case .noSuchTimeEntry(_, let billedFor): billedFor == nil ? .usage : .badInput
        case .noSuchRequest, .requestUnmatched, .requestAssigned, .runningTooLong, .alreadyBilled, .ledgerCutShort, .unreadableTimeEntry: .badInput
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
        case .clockRunning(let project, let since, let entry):
            "The clock is already running on '\(project)' since \(since) (entry \(entry))."
        case .clockNotRunning:
            "The clock is not running, so there is nothing to clock out."
        case .noEntryToNote:
            "The clock is not running, so there is no entry to note on."
        case .noSuchRequest(let request):
            "There is no request '\(request)' in the store: check the id against the client's request."
        case .requestUnmatched(let request):
            "Request \(request) is unmatched: it belongs to no project yet."
        case .requestAssigned(let request, let project):
            "Request \(request) belongs to project '\(project)'."
        case .runningTooLong(let action, let at, let entry, let project, let since, let detail):
            "Cannot \(action) at \(at): entry \(entry) on '\(project)' has been running since \(since). \(detail)"
        case .noSuchTimeEntry(let id, let billedFor):
            billedFor == nil ? "There is no time entry \(id)." : "There is no time entry \(id) to bill."
        case .alreadyBilled(let id, let handoff, let status):
            "Time entry \(id) is already billed by handoff \(handoff) (\(status)); only a failed or cancelled handoff gives its entries back."
        case .nothingToChange(let id):
            "Nothing to change in entry \(id)."
        case .amendmentNeedsReason(let id, let handoff):
            "Entry \(id) is billed by handoff \(handoff), which was sent: a change is recorded in the ledger as an amendment, with the reason."
        case .ledgerCutShort(let problem):
            "No receipt was made: \(problem)."
        case .unreadableTimeEntry(let id, let column):
            "Time entry \(id) cannot be read: its \(column) is not a value Handoff can use (the row was changed outside Handoff, or holds a date outside the years \(WorkDates.years.lowerBound) to \(WorkDates.years.upperBound))."
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
    static func clockRunning(project: String, since: String, entry: Int64) -> StoreError {
        StoreError(.clockRunning(project: project, since: since, entry: entry))
    }
    static let clockNotRunning = StoreError(.clockNotRunning)
    static let noEntryToNote = StoreError(.noEntryToNote)
    static func noSuchRequest(_ request: String) -> StoreError { StoreError(.noSuchRequest(request)) }
    static func requestUnmatched(_ request: String) -> StoreError { StoreError(.requestUnmatched(request)) }
    static func requestAssigned(_ request: String, project: String) -> StoreError { StoreError(.requestAssigned(request, project: project)) }
    static func runningTooLong(action: String, at: String, entry: Int64, project: String, since: String, detail: String) -> StoreError {
        StoreError(.runningTooLong(action: action, at: at, entry: entry, project: project, since: since, detail: detail))
    }
    static func noSuchTimeEntry(_ id: Int64, billedFor project: String? = nil) -> StoreError {
        StoreError(.noSuchTimeEntry(id, billedFor: project))
    }
    static func alreadyBilled(_ id: Int64, handoff: String, status: String) -> StoreError {
        StoreError(.alreadyBilled(id, handoff: handoff, status: status))
    }
    static func nothingToChange(_ id: Int64) -> StoreError { StoreError(.nothingToChange(id)) }
    static func amendmentNeedsReason(_ id: Int64, handoff: HandoffID) -> StoreError { StoreError(.amendmentNeedsReason(id, handoff: handoff)) }
    static func ledgerCutShort(problem: String) -> StoreError { StoreError(.ledgerCutShort(problem: problem)) }
    static func unreadableTimeEntry(_ id: Int64, column: String) -> StoreError { StoreError(.unreadableTimeEntry(id, column: column)) }
}

extension HandoffError {
    /// The store's error in its own words, for callers with nothing to add.
    public init(_ error: StoreError) {
        self.init(error.kind, error.message)
    }
}
