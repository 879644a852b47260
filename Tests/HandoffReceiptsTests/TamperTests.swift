import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

/// Someone edits the SQLite file behind Handoff's back with the `sqlite3` tool:
/// `handoff ledger verify` must exit non-zero and name the first broken event.
@Suite("Ledger tampering is caught by `handoff ledger verify`", .serialized)
struct TamperTests {
    func workspaceWithHistory() throws -> ReceiptFixture { try ReceiptFixture() }


    @Test("an untouched ledger verifies (exit 0)")
    func clean() async throws {
        let fixture = try workspaceWithHistory()
        let result = await fixture.verifyLedger()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok    acme: 12 events, head "))
    }

    @Test("an edited event is named by seq and row")
    func edited() async throws {
        let fixture = try workspaceWithHistory()
        try fixture.sqlite("UPDATE ledgerEvent SET detail = replace(detail, '4F1A2B', '000000') WHERE projectId = 'acme' AND seq = 4")
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("FAIL  acme: event seq 4 of project 'acme' (row id 4, sent) was changed after it was written"))
        #expect(result.stderr.contains("the ledger of project 'acme' does not verify"))
    }

    @Test("a deleted event is named")
    func deleted() async throws {
        let fixture = try workspaceWithHistory()
        try fixture.sqlite("DELETE FROM ledgerEvent WHERE projectId = 'acme' AND seq = 4")
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("event seq 4 of project 'acme' is missing or out of order (found seq 5, row id 5)"))
    }

    @Test("reordered events are named")
    func reordered() async throws {
        let fixture = try workspaceWithHistory()
        // Swap the sequence numbers of two events (through a free value, seq is unique).
        try fixture.sqlite("UPDATE ledgerEvent SET seq = -1 WHERE projectId = 'acme' AND seq = 9; UPDATE ledgerEvent SET seq = 9 WHERE projectId = 'acme' AND seq = 10; UPDATE ledgerEvent SET seq = 10 WHERE projectId = 'acme' AND seq = -1;")
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("event seq 9 of project 'acme' (row id 10)"))
    }
}
