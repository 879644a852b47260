import Foundation
import HandoffConfig
import HandoffCore
import HandoffLinks
import HandoffMail
import HandoffReceipts
import HandoffStore
import Logging

/// Everything a command needs, built once from the configuration: the store, the mail
/// transport, the link store. Commands and tests create one and call its methods; nothing
/// in here reads global state, so tests run against temporary folders in-process.
public struct Gateway: Sendable {
    public let config: HandoffConfiguration
    public let store: HandoffStore
    public let transport: any MailTransport
    public let links: LocalLinkStore
    public let logger: Logger
    /// The time the queue is run at. The real clock, except in tests that replay a history
    /// with fixed dates: a test that compared those dates with today's would pass only
    /// until that day came.
    public var now: @Sendable () -> Date
    /// The handler of each kind of job the workers run.
    public var jobs: JobRegistry = .standard
    /// Shared by the copies of this gateway that the services of `handoff run` hold.
    let outboxLock = OutboxLock()

    public init(
        config: HandoffConfiguration, logger: Logger, transport: (any MailTransport)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(HandoffError) {
        self.config = config
        self.logger = logger
        self.now = now
        store = try HandoffStore(dataDirectory: config.gateway.dataDirectory, anchor: try Self.ledgerAnchor(config), wording: HandoffError.init(worded:))
        try store.syncProjects(config.projects)
        if let transport {
            self.transport = transport
        } else {
            self.transport = try Self.makeTransport(config, logger: logger)
        }
        let signer = try LinkSigner.loadOrCreateKey(at: Self.path(config.gateway.dataDirectory, "links.key"))
        links = LocalLinkStore(directory: Self.path(config.gateway.dataDirectory, "links"), baseURL: config.links.baseURL, signer: signer)
    }

    /// The ledger head anchor, signed with the key receipts are signed with: the one key
    /// a client already holds (`handoff ledger key`).
    public static func ledgerAnchor(_ config: HandoffConfiguration) throws(HandoffError) -> LedgerAnchor {
        let signer = try ledgerKey(config)
        return LedgerAnchor(
            path: path(config.gateway.dataDirectory, "ledger-head.json"),
            signer: LedgerAnchor.Signer(sign: { (message) throws(HandoffError) in try signer.sign(message) },
                                        isValid: { signer.isValidSignature($0, for: $1) }))
    }

    static func makeTransport(_ config: HandoffConfiguration, logger: Logger) throws(HandoffError) -> any MailTransport {
        switch config.mail.transport {
        case .file(let directory):
            return FileTransport(directory: directory, logger: logger)
        case .smtp(let settings):
            return try SMTPTransport(smtpConfiguration(config, settings, logger: logger), logger: logger)
        }
    }

    /// A path under the data folder.
    static func path(_ base: String, _ components: String...) -> String {
        components.reduce(base) { ($0 as NSString).appendingPathComponent($1) }
    }

    func dataPath(_ components: String...) -> String {
        components.reduce(config.gateway.dataDirectory) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// The configured project, or an error naming the known ones.
    public func project(_ id: String) throws(HandoffError) -> Project {
        try Self.project(id, in: config)
    }

    /// A configured project by id, or an error listing the ones there are.
    public static func project(_ id: String, in config: HandoffConfiguration) throws(HandoffError) -> Project {
        if let project = config.projects.first(where: { $0.id.rawValue == id }) { return project }
        let known = config.projects.map(\.id.rawValue).joined(separator: ", ")
        throw .usage("There is no project '\(id)' in \(config.filePath) (projects: \(known.isEmpty ? "none" : known)).")
    }
}
