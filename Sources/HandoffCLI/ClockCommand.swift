import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway

struct ClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "The punch clock: one running entry at a time, across all projects.",
        discussion: "Times are read in the local time zone ($TZ): 17:30, 2026-11-30 17:30, or ISO 8601 with an offset.",
        subcommands: [In.self, Out.self, Note.self, Status.self],
        defaultSubcommand: Status.self
    )

    struct In: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the clock on a project; a clock running elsewhere is stopped first.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The project (a key under [projects] in the config).")
        var project: String

        @Option(name: .long, help: ArgumentHelp("The client request this work answers.", valueName: "id"))
        var request: String?

        @Option(name: .long, help: ArgumentHelp("What you are working on.", valueName: "text"))
        var memo: String?

        @Option(name: .long, help: ArgumentHelp("When you started, if not now.", valueName: "time"))
        var at: String?

        func run() async throws {
            let report = try await reportingErrors { () throws(HandoffError) in
                let gateway = try global.openGateway(secrets: .deferred)
                let clock = localClock()
                let now = Date()
                let start = try at.map { (text) throws(HandoffError) in try UserTime.parse(text, clock: clock, now: now) }
                return (try gateway.clockIn(project: project, request: request, memo: memo, at: start, now: now, clock: clock), clock)
            }
            let (outcome, clock) = report
            if let closed = outcome.closed {
                say("Stopped entry \(closed.id) on \(closed.project) (\(clock.minute(closed.startedAt))–\(clock.time(closed.endedAt ?? Date())), \(Hours.clock(closed.seconds(asOf: Date()))) h).")
                warnIfStoppedWithoutTime(closed, clock: clock)
                if outcome.closedLooksForgotten {
                    say("warning: entry \(closed.id) ran longer than the project's forgotten-clock limit; if you stopped earlier, fix it with `handoff time edit \(closed.id) --end TIME`.")
                }
            }
            say("Clocked in on \(outcome.started.project) at \(clock.time(outcome.started.startedAt)) (entry \(outcome.started.id)).")
        }
    }

    struct Out: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the running clock (at a given time to fix a forgotten one).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("A memo added to the entry.", valueName: "text"))
        var memo: String?

        @Option(name: .long, help: ArgumentHelp("When you stopped, if not now (17:30 typed the next morning means yesterday).", valueName: "time"))
        var at: String?

        func run() async throws {
            let (entry, clock) = try await reportingErrors { () throws(HandoffError) in
                let gateway = try global.openGateway(secrets: .deferred)
                let clock = localClock()
                let now = Date()
                let end = try at.map { (text) throws(HandoffError) in try UserTime.parse(text, clock: clock, now: now) }
                return (try gateway.clockOut(memo: memo, at: end, now: now, clock: clock), clock)
            }
            say("Clocked out of \(entry.project) at \(clock.time(entry.endedAt ?? Date())) (entry \(entry.id): \(clock.minute(entry.startedAt))–\(clock.time(entry.endedAt ?? Date())), \(Hours.clock(entry.seconds(asOf: Date()))) h).")
            warnIfStoppedWithoutTime(entry, clock: clock)
        }
    }

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a memo to the running entry.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "What you are working on.")
        var text: String

        func run() async throws {
            let entry = try await reportingErrors { () throws(HandoffError) in
                try global.openGateway(secrets: .deferred).clockNote(text)
            }
            say("Entry \(entry.id) on \(entry.project): \(entry.memo ?? "")")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether the clock runs, where, and for how long.")

        @OptionGroup var global: GlobalOptions

        @Flag(name: .long, help: "Print one JSON document.")
        var json = false

        func run() async throws {
            let status = try await reportingErrors { () throws(HandoffError) in
                try global.openGateway(secrets: .deferred).clockStatus(clock: localClock())
            }
            if json { try printJSON(status) } else { say(status.line) }
        }
    }
}

/// A clock that had started in the future is stopped at its own start (no time); say so,
/// with the way to record the work it should have held.
private func warnIfStoppedWithoutTime(_ entry: TimeEntry, clock: WallClock) {
    guard entry.endedAt == entry.startedAt else { return }
    Console.current.write(
        "warning: entry \(entry.id) started in the future (\(clock.minute(entry.startedAt))), so it was stopped with no time. If you worked, set its times with `handoff time edit \(entry.id) --start TIME --end TIME`.\n", to: .error)
}
