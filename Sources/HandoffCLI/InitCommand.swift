import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create config/handoff.toml and outbox/ for a new user.",
        discussion: "Writes a commented starter configuration; never overwrites an existing one."
    )

    @Option(name: .long, help: ArgumentHelp("Where to write the configuration (default: config/handoff.toml).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Your sender address, e.g. \"Pat Example <pat@va.example>\".", valueName: "address"))
    var sender: String?

    func run() async throws {
        try await reportingErrors { () throws(HandoffError) in
            if let sender { _ = try EmailAddress(parsing: sender) }
            let manager = FileManager.default
            let path = URL(fileURLWithPath: config ?? "config/handoff.toml").standardizedFileURL.path
            guard !manager.fileExists(atPath: path) else {
                throw .usage("\(path) already exists; handoff init never overwrites a configuration. Edit it, or pass --config NEW_PATH.")
            }
            let root = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let outbox = (root as NSString).appendingPathComponent("outbox")
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(StarterConfig.text(sender: sender).utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                try manager.createDirectory(atPath: outbox, withIntermediateDirectories: true)
            } catch {
                throw .unavailable("Cannot write \(path): \(error.localizedDescription)")
            }
            say("Wrote \(path) and \(outbox)/.")
            say("Next: set your sender and projects in it, then run `handoff doctor`.")
        }
    }
}
