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
            case .clockRunning: "Add a memo with `handoff clock note TEXT`, or `handoff clock out` first."
            case .clockNotRunning: "Start it with `handoff clock in PROJECT`, or add past work with `handoff time add`."
            case .noEntryToNote: "Start it with `handoff clock in PROJECT --memo TEXT`."
            case .noSuchRequest: "`handoff requests list` shows them; or leave out --request."
            case .requestUnmatched:
                "Assign it to a project first: `handoff requests assign \(error.request ?? "ID") -p PROJECT`."
            case .requestAssigned: "To move it anyway, give --force; its files move with it."
            case .runningTooLong:
                "Stop it when you did with `handoff clock out --at TIME`, or correct its start with `handoff time edit \(error.timeEntry ?? 0) --start TIME`."
            case .noSuchTimeEntry: error.billedProject.map { "See `handoff time list -p \($0)`." } ?? "See `handoff time list`."
            case .alreadyBilled: "Leave it out of --entries."
            case .nothingToChange: "Give --start, --end or --memo with a new value."
            case .amendmentNeedsReason: "Give --reason TEXT."
            case .ledgerCutShort: "Run `handoff ledger verify` and restore the store from a backup."
            case .unreadableTimeEntry: "Set its times again with `handoff time edit \(error.timeEntry ?? 0) --start TIME --end TIME`."
            default: nil
            }
        self.init(error.kind, [error.message, hint].compactMap { $0 }.joined(separator: " "))
    }
}
