import Foundation
import HandoffCLITesting
import HandoffCore
import Testing

@Suite("What the time commands refuse, and how they show what they print")
struct CLITimeRefusalTests {
    @Test("--hours -1.5 says hours must be positive, not 'Missing value'")
    func negativeHours() async throws {
        let workspace = try Workspace()
        let result = await runInProcess(["time", "add", "-p", "acme", "--start", "2026-11-30 09:00", "--hours", "-1.5", "--config", workspace.configPath])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--hours must be more than 0 and at most 168."))
    }

    @Test("a date out of range exits 65 and says the range", arguments: ["9999-12-31 23:00", "0001-01-01 10:00"])
    func outOfRange(_ start: String) async throws {
        let workspace = try Workspace()
        let result = await runInProcess(["time", "add", "-p", "acme", "--start", start, "--hours", "1", "--config", workspace.configPath])
        #expect(result.status == 65)
        #expect(result.stderr == "handoff: '\(start)' is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.\n")
    }

    @Test("escape sequences in a memo are shown escaped in tables and status; JSON keeps them exact")
    func controlCharacters() async throws {
        let workspace = try Workspace()
        let memo = "title\u{1B}]0;owned\u{07} red\u{1B}[31m"
        let shown = "title\\u{1B}]0;owned\\u{7} red\\u{1B}[31m"
        let added = await runInProcess(["time", "add", "-p", "acme", "--start", "2026-11-30 09:00", "--hours", "1", "--memo", memo, "--config", workspace.configPath])
        #expect(added.status == 0)
        #expect(!added.stdout.contains("\u{1B}"))

        let table = await runInProcess(["time", "list", "--config", workspace.configPath])
        #expect(table.stdout.contains(shown))
        #expect(!table.stdout.contains("\u{1B}"))
        let json = await runInProcess(["time", "list", "--format", "json", "--config", workspace.configPath])
        #expect(json.stdout.contains("title\\u001b]0;owned\\u0007 red\\u001b[31m"))

        _ = await runInProcess(["clock", "in", "acme", "--memo", memo, "--config", workspace.configPath])
        let status = await runInProcess(["clock", "status", "--config", workspace.configPath])
        #expect(status.stdout.contains(shown))
        #expect(!status.stdout.contains("\u{1B}"))
    }

    @Test("a TZ that names no zone is said on standard error")
    func unknownZone() async throws {
        let workspace = try Workspace()
        let result = await runInProcess(["clock", "status", "--config", workspace.configPath], environment: ["TZ": "Mars/Olympus"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("warning: TZ='Mars/Olympus' is not a time zone Handoff knows, so times are read and shown in"))
    }
}
