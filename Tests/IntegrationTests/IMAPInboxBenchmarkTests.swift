import Foundation
import HandoffCore
import HandoffTestSupport
import Logging
import Testing
@testable import HandoffMail

/// The IMAP half of `Benchmarks/inbox/run.sh --source-only`: fetches every message of a
/// mailbox the script loaded, the way a poll does (search, sizes, batched BODY.PEEK[]
/// into files), and prints the rate. Runs only when the script names the mailbox.
@Suite("IMAP inbox benchmark")
struct IMAPInboxBenchmarkTests {
    static let mailbox = ProcessInfo.processInfo.environment["HANDOFF_BENCH_IMAP_MAILBOX"]

    @Test("fetch a loaded mailbox and print messages per second", .enabled(if: mailbox != nil))
    func fetchAll() async throws {
        let stack = try TestStack.load()
        let mailbox = try #require(Self.mailbox)
        let account = IMAPAccount(
            host: "127.0.0.1", port: Int(stack["IMAP_PORT"]) ?? 0, tls: .startTLS, mailbox: mailbox,
            login: .password(username: stack["VA_USER"], password: Secret(stack["VA_PASSWORD"], source: "test")),
            trust: TLSTrust(caFile: stack.caFile))
        let folder = try TemporaryFolder.create()
        defer { TemporaryFolder.remove(folder) }

        let started = ContinuousClock.now
        let session = try await IMAPInboxSource(name: "bench", account: account).open(logger: Logger(label: "bench"))
        let refs = try await session.pending(afterUID: 0, since: nil)
        let fetched = try await session.fetch(refs, into: folder, maxBytes: 50 << 20)
        await session.close()
        let elapsed = ContinuousClock.now - started

        #expect(fetched.count == refs.count)
        #expect(!refs.isEmpty)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = fetched.reduce(Int64(0)) { $0 + $1.ref.size }
        print("handoff-imap-source: \(fetched.count) messages \(bytes) bytes \(String(format: "%.3f", seconds)) s \(String(format: "%.1f", Double(fetched.count) / seconds)) msg/s")
    }
}
