import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import Testing

@Suite("Read-only commands on a store this user may not write")
struct ReadOnlyStoreTests {
    @Test("ledger verify checks a store whose folder is read-only")
    func verifyReadOnly() throws {
        let workspace = try Workspace()
        do {
            let gateway = try workspace.gateway()
            _ = try gateway.deliver(path: try workspace.makeDeliverable("outbox/acme/report"), project: "acme")
        }
        let data = workspace.root + "/var"
        let arguments = ["ledger", "verify", "--config", workspace.configPath]
        let result: CommandResult
        if getuid() == 0 {
            // Permissions do not stop root: run as an unprivileged user instead.
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"), "runuser is needed to drop root")
            result = try runHandoff(arguments, user: "nobody")
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: data)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data) }
            result = try runHandoff(arguments)
        }
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("ok    acme: "))
    }
}
