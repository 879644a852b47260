import HandoffCore

/// Everything `config/handoff.toml` says, checked and typed: paths are absolute, secrets
/// resolved, projects validated. Built by ``ConfigLoader``; other modules only read it.
public struct HandoffConfiguration: Sendable {
    /// The configuration file, absolute.
    public var filePath: String
    /// The folder above the configuration's folder: relative paths in the file resolve
    /// against it, so `config/handoff.toml` in a clone works from anywhere.
    public var rootDirectory: String
    public var gateway: GatewaySettings
    public var mail: MailSettings
    public var links: LinkSettings
    public var server: ServerSettings
    public var inbox: InboxSettings
    public var queue: QueueSettings
    /// In the order the file lists them.
    public var projects: [Project]
    /// Secrets a deferred load could not read, each as the error a required load would
    /// have given. Empty after a required load. Whatever talks to a server refuses to
    /// start while this is not empty.
    public var deferredSecretProblems: [String] = []
    /// The `file:` secrets that were read, with the key that names each.
    public var secretFiles: [SecretFile] = []

    public init(
        filePath: String, rootDirectory: String, gateway: GatewaySettings, mail: MailSettings,
        links: LinkSettings = LinkSettings(), server: ServerSettings = ServerSettings(), inbox: InboxSettings,
        queue: QueueSettings = QueueSettings(), projects: [Project]
    ) {
        self.filePath = filePath
        self.rootDirectory = rootDirectory
        self.gateway = gateway
        self.mail = mail
        self.links = links
        self.server = server
        self.inbox = inbox
        self.queue = queue
        self.projects = projects
    }

    public func project(id: ProjectID) -> Project? {
        projects.first { $0.id == id }
    }

    public func project(id: String) -> Project? {
        projects.first { $0.id.rawValue == id }
    }
}

/// A secret read from a file: the key that names it (`mail.password`) and the file.
public struct SecretFile: Sendable, Equatable {
    public var key: String
    public var path: String

    public init(key: String, path: String) {
        self.key = key
        self.path = path
    }
}
