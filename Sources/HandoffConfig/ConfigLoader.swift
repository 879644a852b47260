import Foundation
import HandoffCore

/// Whether every secret must be readable when the configuration is loaded.
public enum SecretResolution: Sendable {
    /// A secret that cannot be read is an error: for the commands that talk to servers.
    case required
    /// A secret that cannot be read (an unset variable, a missing file) is noted in
    /// `deferredSecretProblems` and stands in unresolved: for the commands that only work
    /// on the local store (the time log, the queue, the ledger), so that clocking in does
    /// not need the mail password. Mistakes in the file itself are errors either way.
    case deferred
}

/// Reads, parses and checks the configuration. Every problem is a
/// `HandoffError(.config, …)` (exit 78) naming the file, the line and the key.
public enum ConfigLoader {
    /// Loads the file at `path` (absolute, or relative to the current folder). `path` is
    /// shown as given in messages; `environment` supplies `env:` secrets and `HOME`.
    public static func load(
        path: String, environment: [String: String], secrets: SecretResolution = .required
    ) throws(HandoffError) -> HandoffConfiguration {
        let absolute = PathResolver.absolute(path, relativeTo: FileManager.default.currentDirectoryPath, home: environment["HOME"])
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw .config(
                "There is no configuration at \(path). Run `handoff init` to create one, or point to yours with --config PATH or \(ConfigLocator.environmentVariable).")
        }
        guard !FileSystem.isDirectory(absolute) else { throw .config("\(path) is a folder; --config and \(ConfigLocator.environmentVariable) name the file, like config/handoff.toml.") }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .config("\(path) can't be read (check its permissions).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .config("\(path) is not UTF-8 text; save it as UTF-8.")
        }
        return try load(contents: text, path: path, absolutePath: absolute, environment: environment, secrets: secrets)
    }

    /// Checks `contents` as if it were the file at `absolutePath` (which need not exist):
    /// relative paths resolve against that file's root folder.
    public static func load(
        contents: String, path: String, absolutePath: String, environment: [String: String],
        secrets: SecretResolution = .required
    ) throws(HandoffError) -> HandoffConfiguration {
        let file = PathResolver.normalize(absolutePath)
        let root = PathResolver.parent(of: PathResolver.parent(of: file))
        let deferred = secrets == .deferred ? DeferredSecrets() : nil
        let context = ConfigContext(displayPath: path, rootDirectory: root, environment: environment, deferred: deferred)
        let document = try SectionReader.root(try TOMLParser.parse(contents, path: path), context: context)
        // Sections are read in dependency order: defaults of later ones come from earlier.
        let gateway = try GatewaySettings.decode(document.section("gateway"))
        let server = try ServerSettings.decode(document.section("server"))
        var mail = try MailSettings.decode(document.section("mail"), dataDirectory: gateway.dataDirectory)
        let links = try LinkSettings.decode(document.section("links"), server: server)
        let inbox = try InboxSettings.decode(document.section("inbox"), dataDirectory: gateway.dataDirectory)
        // A bare sent folder lives on an IMAP inbox's server, so it is read once both are.
        try mail.readSentFolder(document.section("mail"), inbox: inbox)
        let queue = try QueueSettings.decode(document.section("queue"))
        let projects = try Project.decodeAll(document)
        var configuration = HandoffConfiguration(
            filePath: file, rootDirectory: root, gateway: gateway, mail: mail, links: links, server: server,
            inbox: inbox, queue: queue, projects: projects)
        configuration.deferredSecretProblems = deferred?.problems ?? []
        configuration.secretFiles = context.secretFiles.entries
        return configuration
    }
}
