import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

/// `handoff run` as a process, stopped by signals in the middle of a large delivery.
@Suite("handoff run and signals", .serialized)
struct DaemonSignalTests {
    /// Large enough that writing the message takes a debug build a good part of a second:
    /// the signals land while it is being written.
    static let deliverableBytes = 48_000_000

    /// A workspace with one large READY folder in the outbox.
    static func workspaceWithLargeDelivery() throws -> Workspace {
        let workspace = try Workspace(mail: "max_attachment_mb = 200")
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom")).readData(ofLength: deliverableBytes)
        let folder = try workspace.makeDeliverable("outbox/acme/scans", files: ["scans.bin": random])
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        return workspace
    }

    @Test("SIGTERM in the middle of a large delivery: the send finishes, is recorded once, and the exit status is 0", .timeLimit(.minutes(5)))
    func sigtermFinishesTheSend() async throws {
        let workspace = try Self.workspaceWithLargeDelivery()
        let configPath = workspace.configPath
        let (exit, log, seconds) = try await onOwnThread { () throws -> (DaemonProcess.Exit, String, Double) in
            let daemon = try DaemonProcess(arguments: ["run", "--config", configPath])
            try daemon.waitForLog("sending", within: 180)
            let signalled = Date()
            daemon.signal(SIGTERM)
            let exit = try daemon.waitForExit(within: 180)
            return (exit, daemon.logText, Date().timeIntervalSince(signalled))
        }
        #expect(exit == DaemonProcess.Exit(reason: .exit, status: 0), "\(log)")
        let messages = try workspace.sentMessages()
        #expect(messages.count == 1, "one .eml in var/sent")
        let handoff = try #require(try workspace.gateway().store.handoffs().first)
        #expect(handoff.status == .sent)
        #expect(try DaemonTests.sentEvents(workspace.gateway().store, handoff.handoffID) == 1, "one sent event in the ledger")
        // The measurement: how long the shutdown waited for the send in progress.
        let size = try FileManager.default.attributesOfItem(atPath: messages[0])[.size] as? Int ?? 0
        print("SIGTERM during a send of \(size) bytes: exit status \(exit.status) \(String(format: "%.2f", seconds)) s later; sent once, recorded once")
    }

    @Test("a second signal stops at once; the next start sends the handoff, once", .timeLimit(.minutes(5)))
    func secondSignalStopsAtOnce() async throws {
        let workspace = try Self.workspaceWithLargeDelivery()
        let configPath = workspace.configPath
        let (exit, log) = try await onOwnThread { () throws -> (DaemonProcess.Exit, String) in
            let daemon = try DaemonProcess(arguments: ["run", "--config", configPath])
            try daemon.waitForLog("sending", within: 180)
            daemon.signal(SIGINT)
            // Sent only once the first was taken: two pending signals of a kind are one.
            try daemon.waitForLog("a second signal stops at once", within: 60)
            daemon.signal(SIGTERM)
            return (try daemon.waitForExit(within: 60), daemon.logText)
        }
        #expect(exit == DaemonProcess.Exit(reason: .exit, status: 128 + SIGTERM), "\(log)")
        #expect(log.contains("stopped at once"))
        #expect(try workspace.sentMessages().isEmpty, "the send finished before the second signal: it did not stop at once\n\(log)")

        let again = try runHandoff(["run", "--once", "--config", configPath])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try workspace.sentMessages().count == 1)
        let handoff = try #require(try workspace.gateway().store.handoffs().first)
        #expect(handoff.status == .sent)
        #expect(try DaemonTests.sentEvents(workspace.gateway().store, handoff.handoffID) == 1)
    }
}
