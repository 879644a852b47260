import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

/// Runs blocking work (waiting for processes, sleeping) on a new thread and awaits it.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

@Suite("Crash safety", .serialized)
struct CrashTests {
    @Test("workers killed with SIGKILL at random moments: every deliverable is sent exactly once, none lost, no half-written message", .timeLimit(.minutes(5)))
    func killedWorkers() async throws {
        // Enough work that a run killed after a few tens of milliseconds is mid-job: the
        // whole batch takes a debug build well under a second when nothing interrupts it.
        let deliverables = 60
        // Each kill costs the job it interrupted one attempt (a job that keeps killing its
        // worker must end), so allow enough attempts for the kills this test deals out.
        let workspace = try Workspace(queue: "lease_seconds = 600", maxAttempts: 100)
        for index in 0..<deliverables {
            // Some weight per folder, so kills land in packaging and in sending alike.
            let folder = try workspace.makeDeliverable(
                "outbox/acme/job-\(index)",
                files: ["notes.txt": Data(String(repeating: "deliverable \(index)\n", count: 20_000).utf8), "scan.bin": randomData(600_000 + index * 1000)])
            try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        }
        let executable = try handoffExecutable()
        let configPath = workspace.configPath
        let outbox = workspace.root + "/outbox/acme"
        // The kill loop waits and sleeps: it runs on a thread of its own so it does not
        // hold one of the few threads every other test's async code runs on.
        let (kills, lastStatus) = try await onOwnThread { () throws -> (Int, Int32) in
            func startRun() throws -> Process {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["run", "--once", "--config", configPath]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var finished = false
            for _ in 0..<60 where !finished {
                let process = try startRun()
                // Fault injection, not synchronisation: the kill lands wherever the worker is.
                // A process needs about 30 ms to start; kills come after 30 to 150 ms, so most
                // land in packaging or sending, and a batch sees many of them.
                let deadline = Date().addingTimeInterval(Double.random(in: 0.03...0.15, using: &generator))
                while process.isRunning && Date() < deadline { usleep(2000) }
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
                process.waitUntilExit()
                finished = process.terminationReason == .exit && process.terminationStatus == 0
                    && (try? FileManager.default.contentsOfDirectory(atPath: outbox).filter { !$0.hasPrefix(".") }.isEmpty) == true
            }
            // One last run without interference finishes whatever is left.
            let last = try startRun()
            last.waitUntilExit()
            return (kills, last.terminationStatus)
        }
        #expect(lastStatus == 0)
        print("crash test: \(kills) worker processes killed with SIGKILL")
        #expect(kills >= 3, "only \(kills) workers were killed: the test proved little")

        let gateway = try workspace.gateway()
        let handoffs = try gateway.store.handoffs()
        #expect(handoffs.count == deliverables, "each folder queued exactly once")
        for handoff in handoffs where handoff.status != .sent {
            Issue.record("\(handoff.id) ended \(handoff.status): \(handoff.lastError ?? "no error")")
        }

        let messages = try workspace.sentMessages()
        #expect(messages.count == deliverables, "exactly one message per deliverable")
        var seen = Set<String>()
        for path in messages {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let text = String(decoding: data, as: UTF8.self)
            let id = try #require(text.split(separator: "\r\n").first { $0.hasPrefix("X-Handoff-ID: ") }).dropFirst("X-Handoff-ID: ".count)
            #expect(seen.insert(String(id)).inserted, "handoff \(id) was sent twice")
            // A whole message ends with its closing MIME boundary.
            #expect(text.hasSuffix("--\r\n"), "\(path) is not a complete message")
        }
        #expect(seen == Set(handoffs.map(\.id)))
        let remaining = try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/outbox/acme").filter { !$0.hasPrefix(".") }
        #expect(remaining.isEmpty)
        let delivered = try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/outbox/acme/.delivered")
        #expect(delivered.count == deliverables)
        #expect(try gateway.store.verifyLedger().allSatisfy { $0.problem == nil })
    }
}
