import Foundation
import HandoffCore
import Testing

@Suite("What the time commands refuse, and how they show what they print")
struct CLITimeRefusalTests {
    @Test("--hours -1.5 says hours must be positive, not 'Missing value'")
    func negativeHours() throws {
        let workspace = try Workspace()
        let result = try runHandoff(["time", "add", "-p", "acme", "--start", "2026-11-30 09:00", "--hours", "-1.5", "--config", workspace.configPath])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--hours must be more than 0 and at most 168."))
    }

    @Test("a date out of range exits 65 and says the range", arguments: ["9999-12-31 23:00", "0001-01-01 10:00"])
    func outOfRange(_ start: String) throws {
        let workspace = try Workspace()
        let result = try runHandoff(["time", "add", "-p", "acme", "--start", start, "--hours", "1", "--config", workspace.configPath])
        #expect(result.status == 65)
        #expect(result.stderr == "handoff: '\(start)' is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.\n")
    }

    @Test("escape sequences in a memo are shown escaped in tables and status; JSON keeps them exact")
    func controlCharacters() throws {
        let workspace = try Workspace()
        let memo = "title\u{1B}]0;owned\u{07} red\u{1B}[31m"
        let shown = "title\\u{1B}]0;owned\\u{7} red\\u{1B}[31m"
        let added = try runHandoff(["time", "add", "-p", "acme", "--start", "2026-11-30 09:00", "--hours", "1", "--memo", memo, "--config", workspace.configPath])
        #expect(added.status == 0)
        #expect(!added.stdout.contains("\u{1B}"))

        let table = try runHandoff(["time", "list", "--config", workspace.configPath])
        #expect(table.stdout.contains(shown))
        #expect(!table.stdout.contains("\u{1B}"))
        let json = try runHandoff(["time", "list", "--format", "json", "--config", workspace.configPath])
        #expect(json.stdout.contains("title\\u001b]0;owned\\u0007 red\\u001b[31m"))

        _ = try runHandoff(["clock", "in", "acme", "--memo", memo, "--config", workspace.configPath])
        let status = try runHandoff(["clock", "status", "--config", workspace.configPath])
        #expect(status.stdout.contains(shown))
        #expect(!status.stdout.contains("\u{1B}"))
    }

    @Test("a TZ that names no zone is said on standard error")
    func unknownZone() throws {
        let workspace = try Workspace()
        let result = try runHandoff(["clock", "status", "--config", workspace.configPath], environment: ["TZ": "Mars/Olympus"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("warning: TZ='Mars/Olympus' is not a time zone Handoff knows, so times are read and shown in"))
    }
}
