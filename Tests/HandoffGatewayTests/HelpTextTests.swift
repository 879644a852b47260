import Foundation
import HandoffCLITesting
import Testing

/// The `--help` of the main commands: the usage line exactly, and the lines a person looks
/// for. Text is compared with its line breaks and runs of spaces collapsed, because the
/// parser wraps help to the width of the terminal the tests happen to run in.
@Suite("The help of the main commands")
struct HelpTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var usage: String
        var mentions: [String]
        var testDescription: String { (["handoff"] + arguments).joined(separator: " ") }
    }

    static let cases = [
        Case(arguments: ["--help"], usage: "handoff <subcommand>", mentions: [
            "OVERVIEW: Package finished work, deliver it to a client by email or link, and keep receipts.",
            "Exit codes: 0 success, 64 usage, 65 bad input data, 69 service unavailable, 70 internal error, 75 temporary failure (retry later), 78 configuration error.",
            "deliver Queue a folder or file for delivery to a project's client; prints the handoff id.",
            "run Watch the outbox and run the delivery queue.",
            "ledger Check the hash-chained ledger and show the receipt signing key.",
            "See 'handoff help <subcommand>' for detailed help.",
        ]),
        Case(arguments: ["deliver", "--help"], usage: "handoff deliver [<options>] <path> --project <project>", mentions: [
            "<path> The folder or file to deliver.",
            "-p, --project <project> The project (a key under [projects] in the config).",
            "--config <path> The configuration file (default: $HANDOFF_CONFIG, else config/handoff.toml).",
            "--bcc <address> A blind-copy recipient (repeatable); never shown in the message.",
            "--encrypt Encrypt the zip (AES-256); the passphrase goes in a second message.",
        ]),
        Case(arguments: ["run", "--help"], usage: "handoff run [--config <path>] [--verbose] [--once] [--json]", mentions: [
            "OVERVIEW: Watch the outbox and run the delivery queue.",
            "--once Drain everything once and exit.",
            "--json With --once, print the handoffs as JSON.",
        ]),
        Case(arguments: ["queue", "--help"], usage: "handoff queue <subcommand>", mentions: [
            "list (default) List jobs, newest first.",
            "retry Queue a failed, dead or cancelled job again, with fresh attempts.",
            "cancel Cancel a job that has not finished.",
        ]),
        Case(arguments: ["time", "--help"], usage: "handoff time <subcommand>", mentions: [
            "OVERVIEW: The time log: list, add, edit, report, import and export entries.",
            "Days and times are local ($TZ).",
        ]),
        Case(arguments: ["receipts", "--help"], usage: "handoff receipts <subcommand>", mentions: [
            "OVERVIEW: A project's delivery receipt: what was delivered, when, how, and the hours it billed.",
        ]),
        Case(arguments: ["ledger", "--help"], usage: "handoff ledger <subcommand>", mentions: [
            "OVERVIEW: Check the hash-chained ledger and show the receipt signing key.",
        ]),
    ]

    @Test("--help exits 0, prints on standard output only, and shows the usage line and key lines", arguments: cases)
    func help(_ fixture: Case) async {
        let result = await runInProcess(fixture.arguments)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(Self.usage(in: result.stdout) == fixture.usage)
        let text = Self.collapsed(result.stdout)
        for line in fixture.mentions {
            #expect(text.contains(line), "missing: \(line)")
        }
    }

    @Test("a usage error exits 64 and shows the usage line on standard error")
    func usageError() async {
        let result = await runInProcess(["deliver", "somewhere"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Error: Missing expected argument '--project <project>'"))
        // The usage is followed, without a blank line, by where to read more.
        #expect(Self.usage(in: result.stderr) == "handoff deliver [<options>] <path> --project <project> See 'handoff deliver --help' for more information.")
    }

    /// The usage paragraph after `Usage:`/`USAGE:`, however it was wrapped.
    static func usage(in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("USAGE:") || $0.hasPrefix("Usage:") }) else { return nil }
        let paragraph = lines[start...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return String(collapsed(paragraph.joined(separator: "\n")).drop { $0 != " " }.dropFirst())
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
