import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore
import HandoffTime

struct TimeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time",
        abstract: "The time log: list, add, edit, report, import and export entries.",
        discussion: "Days and times are local ($TZ). Rounding (rounding_minutes) applies to billed hours in reports; entries keep the exact times.",
        subcommands: [TimeList.self, TimeAdd.self, TimeEdit.self, TimeReportCommand.self, TimeImport.self],
        defaultSubcommand: TimeList.self
    )
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension TimesheetFormat: ExpressibleByArgument {}

/// `-p`, `--from`, `--to`, `--format`: shared by list and report.
struct PeriodOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Only this project.")
    var project: String?

    @Option(name: .long, help: ArgumentHelp("The first day (2026-11-01, today, yesterday).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The last day, included.", valueName: "date"))
    var to: String?

    @Option(name: .long, help: "table, csv or json.")
    var format: OutputFormat = .table

    func report(_ global: GlobalOptions) throws(HandoffError) -> TimeReport {
        let gateway = try global.openGateway(secrets: .deferred)
        let clock = localClock()
        let now = Date()
        let period = try UserTime.period(from: from, to: to, clock: clock, now: now)
        return try gateway.timeReport(project: project, from: period.from, to: period.to, now: now, clock: clock)
    }
}

struct TimeList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List entries (--format csv is the CSV export).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    func run() async throws {
        let report = try await reportingErrors { () throws(HandoffError) in try period.report(global) }
        switch period.format {
        case .table: say(report.entriesTable(), terminator: "")
        case .csv: Console.current.write(report.entriesCSV())
        case .json: try printJSON(report)
        }
    }
}

struct TimeReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Totals per project and day, the retainer per month, and warnings.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    func run() async throws {
        var report = try await reportingErrors { () throws(HandoffError) in try period.report(global) }
        switch period.format {
        case .table: say(report.summaryTable(), terminator: "")
        case .csv: Console.current.write(report.summaryCSV())
        case .json:
            report.lines = []
            try printJSON(report)
        }
    }
}

struct TimeAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add past work by hand (marked manual); overlapping entries are refused.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .long], help: "The project.")
    var project: String

    @Option(name: .long, help: ArgumentHelp("When the work started.", valueName: "time"))
    var start: String

    @Option(name: .long, help: ArgumentHelp("When it ended (or give --hours).", valueName: "time"))
    var end: String?

    // Unconditional: `--hours -1.5` must reach `validate` and its message, not be taken
    // for an unknown flag and reported as a missing value.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("How long it took, e.g. 1.5 (instead of --end).", valueName: "hours"))
    var hours: Double?

    @Option(name: .long, help: ArgumentHelp("What was done.", valueName: "text"))
    var memo: String?

    @Option(name: .long, help: ArgumentHelp("The client request it answers.", valueName: "id"))
    var request: String?

    func validate() throws {
        guard (end == nil) != (hours == nil) else { throw ValidationError("Give either --end TIME or --hours H.") }
        if let hours, !(hours > 0 && hours <= 24 * 7) { throw ValidationError("--hours must be more than 0 and at most 168.") }
    }

    func run() async throws {
        let (entry, clock) = try await reportingErrors { () throws(HandoffError) in
            let gateway = try global.openGateway(secrets: .deferred)
            let clock = localClock()
            let now = Date()
            let startDate = try UserTime.parse(start, clock: clock, now: now)
            let endDate = try end.map { (text) throws(HandoffError) in try UserTime.parse(text, clock: clock, now: now, bareTime: .today) }
                ?? startDate.addingTimeInterval((hours ?? 0) * 3600)
            return (try gateway.addTimeEntry(project: project, request: request, start: startDate, end: endDate, memo: memo, now: now, clock: clock), clock)
        }
        say("Added entry \(entry.id) on \(entry.project): \(clock.minute(entry.startedAt))–\(clock.time(entry.endedAt ?? entry.startedAt)), \(Hours.clock(entry.seconds(asOf: Date()))) h (manual).")
    }
}

struct TimeEdit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an entry's times or memo.",
        discussion: "An entry billed by a sent handoff is locked: the change is written to the ledger as an amendment (old and new value, when, why) and needs --reason.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The entry id (see `handoff time list`).")
    var id: Int64

    @Option(name: .long, help: ArgumentHelp("The new start.", valueName: "time"))
    var start: String?

    @Option(name: .long, help: ArgumentHelp("The new end.", valueName: "time"))
    var end: String?

    @Option(name: .long, help: ArgumentHelp("The new memo.", valueName: "text"))
    var memo: String?

    @Option(name: .long, help: ArgumentHelp("Why it changes (required for a billed entry).", valueName: "text"))
    var reason: String?

    func run() async throws {
        let (outcome, clock) = try await reportingErrors { () throws(HandoffError) in
            let gateway = try global.openGateway(secrets: .deferred)
            let clock = localClock()
            let now = Date()
            let change = HandoffStore.TimeEntryChange(
                start: try start.map { (text) throws(HandoffError) in try UserTime.parse(text, clock: clock, now: now) },
                end: try end.map { (text) throws(HandoffError) in try UserTime.parse(text, clock: clock, now: now) },
                memo: memo)
            return (try gateway.editTimeEntry(id, change: change, reason: reason, now: now, clock: clock), clock)
        }
        let entry = outcome.entry
        say("Entry \(entry.id) on \(entry.project): \(clock.minute(entry.startedAt))–\(entry.endedAt.map(clock.time) ?? "running")\(entry.memo.map { " — \($0)" } ?? "")")
        if let handoff = outcome.lockedBy {
            say("Billed by \(handoff), which was sent: \(outcome.amendments) amendment\(outcome.amendments == 1 ? "" : "s") written to the ledger.")
        }
    }
}

struct TimeImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Toggl Track or Clockify detailed report (CSV) into a project.",
        discussion: "Times are read in the local zone ($TZ), as the tools export them. Entries already imported are skipped; a bad row imports nothing and names its line.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The exported CSV file.")
    var file: String

    @Option(name: .customLong("from-format"), help: "toggl or clockify.")
    var format: TimesheetFormat

    @Option(name: [.short, .long], help: "The project the entries belong to.")
    var project: String

    func run() async throws {
        let result = try await reportingErrors { () throws(HandoffError) in
            try global.openGateway(secrets: .deferred).importTime(file: file, format: format, project: project, clock: localClock())
        }
        say("Imported \(result.added) entr\(result.added == 1 ? "y" : "ies") into \(project)\(result.skipped > 0 ? " (\(result.skipped) already there, skipped)" : "").")
    }
}
