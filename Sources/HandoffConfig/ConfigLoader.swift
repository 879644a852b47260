import Foundation
import HandoffCore

/// Reads, parses and checks the configuration. Every problem is a
/// `HandoffError(.config, …)` (exit 78) naming the file, the line and the key.
public enum ConfigLoader {
    /// Loads the file at `path` (absolute, or relative to the current folder). `path` is
    /// shown as given in messages; `environment` supplies `env:` secrets and `HOME`.
    public static func load(path: String, environment: [String: String]) throws(HandoffError) -> HandoffConfiguration {
        let absolute = PathResolver.absolute(path, relativeTo: FileManager.default.currentDirectoryPath, home: environment["HOME"])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw .config(
                "There is no configuration at \(path). Run `handoff init` to create one, or point to yours with --config PATH or \(ConfigLocator.environmentVariable).")
        }
        guard !isDirectory.boolValue else { throw .config("\(path) is a folder; --config and \(ConfigLocator.environmentVariable) name the file, like config/handoff.toml.") }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .config("\(path) can't be read (check its permissions).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .config("\(path) is not UTF-8 text; save it as UTF-8.")
        }
        return try load(contents: text, path: path, absolutePath: absolute, environment: environment)
    }

    /// Checks `contents` as if it were the file at `absolutePath` (which need not exist):
    /// relative paths resolve against that file's root folder.
    public static func load(
        contents: String, path: String, absolutePath: String, environment: [String: String]
    ) throws(HandoffError) -> HandoffConfiguration {
        let file = PathResolver.normalize(absolutePath)
        let root = PathResolver.parent(of: PathResolver.parent(of: file))
        let context = ConfigContext(displayPath: path, rootDirectory: root, environment: environment)
        let document = try SectionReader.root(try TOMLParser.parse(contents, path: path), context: context)
        // Sections are read in dependency order: defaults of later ones come from earlier.
        let gateway = try GatewaySettings.decode(document.section("gateway"))
        let server = try ServerSettings.decode(document.section("server"))
        let mail = try MailSettings.decode(document.section("mail"), dataDirectory: gateway.dataDirectory)
        let links = try LinkSettings.decode(document.section("links"), server: server)
        let inbox = try InboxSettings.decode(document.section("inbox"), dataDirectory: gateway.dataDirectory)
        let queue = try QueueSettings.decode(document.section("queue"))
        let projects = try Project.decodeAll(document)
        return HandoffConfiguration(
            filePath: file, rootDirectory: root, gateway: gateway, mail: mail, links: links, server: server,
            inbox: inbox, queue: queue, projects: projects)
    }
}
