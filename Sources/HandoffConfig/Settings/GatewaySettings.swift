import HandoffCore

/// `[gateway]`: where Handoff keeps its data, where the VA drops finished work, and who
/// the mail comes from.
public struct GatewaySettings: Sendable {
    /// `data_dir`, absolute: the store, sent mail, links, the default maildir.
    public var dataDirectory: String
    /// `outbox`, absolute: one folder per project.
    public var outboxDirectory: String
    /// `sender`: the From of every message (display name allowed).
    public var sender: EmailAddress
    /// `workers`: queue workers run by `handoff run` (1...32).
    public var workers: Int
    /// `notify_failures`: mail the VA (`sender`) a short notice when a delivery ends failed.
    public var notifyFailures: Bool

    public static let defaultWorkers = 2
    public static let workerRange = 1...32

    public init(
        dataDirectory: String, outboxDirectory: String, sender: EmailAddress, workers: Int = GatewaySettings.defaultWorkers,
        notifyFailures: Bool = false
    ) {
        self.dataDirectory = dataDirectory
        self.outboxDirectory = outboxDirectory
        self.sender = sender
        self.workers = workers
        self.notifyFailures = notifyFailures
    }
}
