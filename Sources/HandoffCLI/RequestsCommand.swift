import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore

/// `handoff requests`: the client requests the inbox stored, and the triage of unmatched ones.
struct RequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "See, close and assign client requests.",
        subcommands: [List.self, Show.self, Close.self, Assign.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List requests, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Only this project's requests.", valueName: "project"))
        var project: String?

        @Option(name: .long, help: ArgumentHelp("Only requests in this state: open, closed or unmatched.", valueName: "state"))
        var state: RequestState?

        @Flag(name: .long, help: "Print one JSON document.")
        var json = false

        func run() async throws {
            let views = try await reportingErrors { () throws(HandoffError) in
                try await global.openGateway(secrets: .deferred).requests(project: project, state: state)
            }
            if json {
                try printJSON(views)
                return
            }
            if views.isEmpty {
                say(state == nil && project == nil ? "No requests yet." : "No requests match.")
                return
            }
            let clock = localClock()
            for view in views {
                let columns = [
                    view.id, view.project ?? "(unmatched)", view.state, clock.minute(view.received), view.from ?? "-",
                    view.subject ?? "(no subject)", "\(view.messages.count) msg", "\(view.attachmentCount) att",
                ]
                // Each cell on one line: a subject or name that came with a line break must
                // not start a row of its own.
                say(columns.map { TerminalText.escaped($0) }.joined(separator: "  "))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a request: its messages, their text and attachments.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: RequestTarget

        func run() async throws {
            let (view, dataFolder) = try await reportingErrors { () throws(HandoffError) in
                let gateway = try global.openGateway(secrets: .deferred)
                return (try await gateway.request(target.id), gateway.config.gateway.dataDirectory)
            }
            if target.json {
                try printJSON(view)
                return
            }
            let clock = localClock()
            say("\(view.id)  \(view.project ?? "(unmatched)")  \(view.state)")
            say("From: \(TerminalText.escaped(Self.sender(view.fromName, view.from ?? "-")))")
            say("Subject: \(TerminalText.escaped(view.subject ?? "(no subject)"))")
            say("Received: \(clock.minute(view.received))")
            if let closed = view.closed { say("Closed: \(clock.minute(closed))") }
            for (index, message) in view.messages.enumerated() {
                say("")
                say("--- message \(index + 1) of \(view.messages.count): \(TerminalText.escaped(Self.sender(message.fromName, message.from))), \(clock.minute(message.received))")
                if let subject = message.subject { say("Subject: \(TerminalText.escaped(subject))") }
                if message.headersOnly { say("(too large: only its headers were stored)") }
                if !message.defects.isEmpty { say("Defects: \(message.defects.joined(separator: "; "))") }
                say("")
                say(message.text)
                for file in message.attachments {
                    let path = file.path.map { (dataFolder as NSString).appendingPathComponent($0) } ?? file.name
                    let original = file.originalName.map { $0 == file.name ? "" : ", sent as \"\($0)\"" } ?? ""
                    say("  attachment: \(TerminalText.escaped(path))  (\(file.size) bytes, \(TerminalText.escaped(file.contentType + original)))")
                }
            }
        }

        static func sender(_ name: String?, _ address: String) -> String {
            name.map { "\($0) <\(address)>" } ?? address
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a request (closing a closed one changes nothing).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: RequestTarget

        func run() async throws {
            let outcome = try await reportingErrors { () throws(HandoffError) in
                try await global.openGateway(secrets: .deferred).closeRequest(target.id)
            }
            if target.json {
                try printJSON(outcome.request)
            } else {
                say(outcome.wasOpen ? "\(outcome.request.id) closed." : "\(outcome.request.id) was already closed.")
            }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an unmatched request to a project; its files move to that project's folder.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: RequestTarget

        @Option(name: .shortAndLong, help: ArgumentHelp("The project it belongs to.", valueName: "project"))
        var project: String

        @Flag(name: .long, help: "Move it even if it already belongs to another project.")
        var force = false

        func run() async throws {
            let outcome = try await reportingErrors { () throws(HandoffError) in
                try await global.openGateway(secrets: .deferred).assignRequest(target.id, to: project, force: force)
            }
            if target.json {
                try printJSON(outcome.request)
                return
            }
            let request = outcome.request
            if outcome.unchanged {
                say("\(request.id) already belongs to \(project).")
                return
            }
            say("\(request.id) assigned to \(project)\(outcome.previous.map { " (was \($0))" } ?? " (was unmatched)").")
            if let folder = outcome.folder { say("Its files are in \(folder) under the data folder.") }
        }
    }
}

/// The request a subcommand acts on, and whether to answer in JSON.
struct RequestTarget: ParsableArguments {
    @Argument(help: "The request id (R-12, from `handoff requests list`).")
    var id: String

    @Flag(name: .long, help: "Print one JSON document.")
    var json = false
}

extension RequestState: ExpressibleByArgument {}
