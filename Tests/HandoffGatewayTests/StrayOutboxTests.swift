import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import Testing

@Suite("Outbox folders under no project's name")
struct StrayOutboxTests {
    /// `outbox/Acme/x` (a case slip), `outbox/nosuch/y`, and a good `outbox/acme/ok`.
    func workspaceWithStrays() throws -> Workspace {
        let workspace = try Workspace()
        for folder in ["outbox/Acme/x", "outbox/nosuch/y", "outbox/acme/ok"] {
            let path = try workspace.makeDeliverable(folder)
            try Data().write(to: URL(fileURLWithPath: path + "/READY"))
        }
        return workspace
    }

    @Test("a scan reports READY folders under a name that is no project, with a 'did you mean', and leaves them alone")
    func scanReportsStrays() async throws {
        let workspace = try workspaceWithStrays()
        let gateway = try workspace.gateway()
        let scan = try await gateway.scanOutbox()
        #expect(scan.queued.count == 1)
        #expect(scan.strays.map(\.folder) == [workspace.root + "/outbox/Acme/x", workspace.root + "/outbox/nosuch/y"])
        #expect(scan.strays.map(\.suggestion) == [try ProjectID("acme"), nil])
        #expect(scan.strays[0].message.contains("there is no project 'Acme' (did you mean 'acme'? Project ids are lower-case); the projects are acme"))
        #expect(scan.strays[0].message.contains("Move it to \(workspace.root)/outbox/acme/x."))
        #expect(scan.strays[1].message.contains("there is no project 'nosuch'; the projects are acme"))
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/Acme/x/READY"))
        #expect(gateway.strayOutboxFolders() == scan.strays)
    }

    @Test("the daemon warns about each stray folder once while it stays, and again if it comes back")
    func warnedOnce() async throws {
        let workspace = try workspaceWithStrays()
        let strays = try workspace.gateway().strayOutboxFolders()
        var warnings = StrayWarnings()
        #expect(warnings.unwarned(strays) == strays)
        #expect(warnings.unwarned(strays).isEmpty)
        #expect(warnings.unwarned(Array(strays.dropFirst())).isEmpty)
        #expect(warnings.unwarned(strays) == [strays[0]])
    }

    @Test("run --once exits 65 naming the stray folders; doctor lists them as warnings and still exits 0")
    func strayThroughCLI() async throws {
        let workspace = try workspaceWithStrays()
        let run = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(run.status == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("\(workspace.root)/outbox/Acme/x has a READY, but there is no project 'Acme' (did you mean 'acme'?"))
        #expect(run.stderr.contains("\(workspace.root)/outbox/nosuch/y has a READY"))
        #expect(run.stdout.contains("acme  sent"), "the good folder still goes out")

        let doctor = await runInProcess(["doctor", "--config", workspace.configPath])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(doctor.stdout.contains("WARN  outbox folder Acme: \(workspace.root)/outbox/Acme/x has a READY"))
        #expect(doctor.stdout.contains("WARN  outbox folder nosuch: "))
    }
}
