import Foundation
import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffStore

@Suite("Opening a new store from two places at once")
struct MigrationRaceTests {
    /// Two stores opened at the same moment on one new file, as two processes would: each
    /// has its own connections, and only the lock beside the file orders them.
    @Test("both succeed and the schema is made once, every time")
    func concurrentOpen() throws {
        for round in 0..<40 {
            let folder = try TemporaryFolder.create()
            defer { TemporaryFolder.remove(folder) }
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    _ = try HandoffStore(dataDirectory: folder)
                } catch {
                    failures.append("round \(round): \(error)")
                }
            }
            #expect(failures.all.isEmpty)
            #expect(try HandoffStore(dataDirectory: folder).timeEntries().isEmpty)
        }
    }
}

/// Errors gathered from several threads.
private final class Failures: @unchecked Sendable {
    // @unchecked: `items` is only touched while `lock` is held.
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ text: String) {
        lock.withLock { items.append(text) }
    }

    var all: [String] { lock.withLock { items } }
}
