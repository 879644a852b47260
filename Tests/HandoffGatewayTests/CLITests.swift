import Foundation
import HandoffCLITesting
import HandoffCore
import Testing

@Suite("The handoff command line")
struct CLITests {
    @Test("a missing configuration exits 78 and names the file")
    func missingConfig() async throws {
        let result = await runInProcess(["queue", "list", "--config", "/nonexistent/handoff.toml"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("/nonexistent/handoff.toml"))
    }

    @Test("an unknown key exits 78 with the line and a suggestion")
    func unknownKey() async throws {
        let workspace = try Workspace(project: "delivr = \"email\"")
        let result = await runInProcess(["queue", "list", "--config", workspace.configPath])
        #expect(result.status == 78)
        #expect(result.stderr.contains("handoff.toml:"))
        #expect(result.stderr.contains("delivr"))
        #expect(result.stderr.contains("deliver"))
    }

    @Test("$HANDOFF_CONFIG is used when --config is absent")
    func configFromEnvironment() async throws {
        let workspace = try Workspace()
        let result = await runInProcess(["queue", "list", "--json"], in: "/", environment: ["HANDOFF_CONFIG": workspace.configPath])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || result.stdout.contains("[]"))
    }

    @Test("a refused recipient exits 65, names the address and queues nothing")
    func refusedRecipient() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let result = await runInProcess(["deliver", folder, "-p", "acme", "--to", "rival@other.test", "--config", workspace.configPath])
        #expect(result.status == 65)
        #expect(result.stderr.contains("rival@other.test"))
        let list = await runInProcess(["queue", "list", "--json", "--config", workspace.configPath])
        let jobs = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]
        #expect(jobs?.isEmpty == true)
    }

    @Test("a hostile or non-ASCII --to is refused with the parser's reason, before anything is queued", arguments: [
        ("evil%evil.test@acme.test", "'%'"),
        ("evil@evil.test@acme.test", "more than one '@'"),
        ("jörg@acme.test", "SMTPUTF8"),
    ])
    func hostileAddressArgument(address: String, reason: String) async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let result = await runInProcess(["deliver", folder, "-p", "acme", "--to", address, "--config", workspace.configPath])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
    }

    @Test("usage errors exit 64")
    func usageErrors() async throws {
        let workspace = try Workspace()
        #expect(await runInProcess(["deliver", "somewhere", "--config", workspace.configPath]).status == 64, "missing --project")
        #expect(await runInProcess(["queue", "retry", "999", "--config", workspace.configPath]).status == 64)
        #expect(await runInProcess(["queue", "list", "--state", "sleeping", "--config", workspace.configPath]).status == 64)
        #expect(await runInProcess(["frobnicate"]).status == 64)
    }

    @Test("deliver then run --once --json: one sent handoff with its package facts")
    func deliverAndRun() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let queued = await runInProcess(["deliver", folder, "-p", "acme", "--json", "--config", workspace.configPath])
        #expect(queued.status == 0, "\(queued.stderr)")
        let run = await runInProcess(["run", "--once", "--json", "--config", workspace.configPath])
        #expect(run.status == 0, "\(run.stderr)")
        let handoffs = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(handoffs.count == 1)
        #expect(handoffs.first?["status"] as? String == "sent")
        #expect(handoffs.first?["files"] as? Int == 2)
        #expect((handoffs.first?["sha256"] as? String)?.count == 64)
    }

    @Test("package --json prints the manifest; an empty folder exits 65")
    func packageCommand() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let output = workspace.root + "/brochure.tar.zst"
        let result = await runInProcess(["package", folder, "-o", output, "--format", "tar.zst", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let manifest = try #require(info["manifest"] as? [String: Any])
        #expect((manifest["files"] as? [Any])?.count == 2)
        #expect(FileManager.default.fileExists(atPath: output))

        try FileManager.default.createDirectory(atPath: workspace.root + "/empty", withIntermediateDirectories: true)
        let empty = await runInProcess(["package", workspace.root + "/empty", "-o", workspace.root + "/e.zip"])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("empty"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root + "/e.zip"))
    }

    @Test("doctor exits 69 when the only failure is a mail server that cannot be reached, 78 when a setting is wrong")
    func doctorExitCodes() async throws {
        // Nothing listens on port 1 of 127.0.0.1: the connection is refused at once.
        let unreachable = try Workspace(mail: "")
        let text = try unreachable.contents(of: unreachable.configPath)
            .replacingOccurrences(of: "transport = \"file\"", with: "transport = \"smtp\"\nurl = \"smtp://127.0.0.1:1\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: unreachable.configPath))
        let down = await runInProcess(["doctor", "--config", unreachable.configPath])
        #expect(down.status == 69, "\(down.stdout)\(down.stderr)")
        #expect(down.stdout.contains("FAIL  smtp connect: The server check (connect, TLS, login; no message) with 127.0.0.1:1 failed for now"))
        #expect(down.stdout.contains("Nothing was sent."))
        #expect(!down.stdout.contains("tried again"))

        // The same, and the outbox cannot be created (a file is in its way): a setting to fix.
        try Data().write(to: URL(fileURLWithPath: unreachable.root + "/blocked"))
        let blocked = text.replacingOccurrences(of: "outbox = \"outbox\"", with: "outbox = \"blocked/outbox\"")
        try Data(blocked.utf8).write(to: URL(fileURLWithPath: unreachable.configPath))
        let both = await runInProcess(["doctor", "--config", unreachable.configPath])
        #expect(both.status == 78, "\(both.stdout)\(both.stderr)")
    }

    /// The usual workspace (project acme, allow acme.test) with a second project.
    private func workspace(secondProject id: String, allow rule: String) throws -> Workspace {
        try Workspace(project: "\n[projects.\(id)]\nname = \"\(id)\"\nallow = [\"\(rule)\"]")
    }

    @Test("doctor fails (78) on an allow rule covering a public suffix, and warns on projects that overlap")
    func doctorAllowRules() async throws {
        let suffixRule = try workspace(secondProject: "rival", allow: "*.test")
        let result = await runInProcess(["doctor", "--config", suffixRule.configPath])
        #expect(result.status == 78, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("FAIL  allow rival: '*.test' in [projects.rival] allow covers 'test', a public suffix"))
        #expect(result.stdout.contains("WARN  allow acme / rival: 'acme.test' in [projects.acme] and '*.test' in [projects.rival]"))

        let overlapOnly = try workspace(secondProject: "acme2", allow: "acme.test")
        let warned = await runInProcess(["doctor", "--config", overlapOnly.configPath])
        #expect(warned.status == 0, "a warning alone does not fail: \(warned.stdout)")
        #expect(warned.stdout.contains("WARN  allow acme / acme2"))
    }

    @Test("run --once exits 75 while a delivery waits for its retry, and says when it will be tried")
    func runOnceWaitingForRetry() async throws {
        let workspace = try Workspace()
        let text = try workspace.contents(of: workspace.configPath)
            .replacingOccurrences(of: "transport = \"file\"", with: "transport = \"smtp\"\nurl = \"smtp://127.0.0.1:1\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))

        let run = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(run.status == 75, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("  packaged  "))
        #expect(run.stdout.contains("— will try again at 20"))
        #expect(run.stdout.contains("127.0.0.1:1 failed for now"))
        // Still queued, with its folder in place for the retry.
        #expect(FileManager.default.fileExists(atPath: folder + "/READY"))
    }

    @Test("run --once reports the receipts it mailed, and queue list names them")
    func runOnceReportsReceipts() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        #expect(await runInProcess(["run", "--once", "--config", workspace.configPath]).status == 0)
        let queued = await runInProcess(["receipts", "acme", "--send", "--config", workspace.configPath])
        #expect(queued.status == 0, "\(queued.stderr)")
        let id = try #require(queued.stdout.split(separator: " ").first.map(String.init))
        #expect(id.hasPrefix("RC-"))

        let run = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\(id)  acme  receipt sent  → dana@acme.test  (written to "))
        #expect(!run.stdout.contains("Nothing to deliver"))
        let list = await runInProcess(["queue", "list", "--config", workspace.configPath])
        #expect(list.stdout.contains("succeeded  \(id)  acme  attempt 1/"))
    }

    @Test("the time log and the queue work without the mail password; sending refuses without it")
    func secretsOnlyWhereNeeded() async throws {
        let workspace = try Workspace()
        let text = try workspace.contents(of: workspace.configPath).replacingOccurrences(
            of: "transport = \"file\"",
            with: "transport = \"smtp\"\nurl = \"smtp://127.0.0.1:1\"\nusername = \"pat@va.test\"\npassword = \"env:HANDOFF_TEST_UNSET_PASSWORD\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        let folder = try workspace.makeDeliverable("work/brochure")

        for arguments in [["clock", "in", "acme"], ["clock", "status"], ["clock", "out"], ["time", "list"],
                          ["deliver", folder, "-p", "acme"], ["queue", "list"], ["ledger", "verify"]] {
            let result = await runInProcess(arguments + ["--config", workspace.configPath])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        for arguments in [["run", "--once"], ["doctor"]] {
            let result = await runInProcess(arguments + ["--config", workspace.configPath])
            #expect(result.status == 78, "\(arguments): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("mail.password is read from the environment variable HANDOFF_TEST_UNSET_PASSWORD, which is not set"))
        }
    }

    @Test("init writes a configuration that loads, and never overwrites it")
    func initCommand() async throws {
        let workspace = try Workspace()
        let path = workspace.root + "/fresh/config/handoff.toml"
        let first = await runInProcess(["init", "--config", path, "--sender", "Sam Helper <sam@va.test>"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/fresh/outbox"))
        let doctor = await runInProcess(["doctor", "--config", path])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        let second = await runInProcess(["init", "--config", path])
        #expect(second.status == 64)
        #expect(second.stderr.contains("already exists"))
    }
}
