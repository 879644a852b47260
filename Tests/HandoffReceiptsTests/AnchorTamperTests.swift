import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import Testing

/// The tampering a hash chain alone cannot see: events cut from the end, a chain cut and
/// grown again, and a billed time entry edited in its own table. The signed head anchor
/// outside the database and the entries' content hashes in the ledger catch them.
@Suite("The ledger notices a missing tail and unrecorded edits", .serialized)
struct AnchorTamperTests {

    var anchorPath: (ReceiptFixture) -> String { { $0.workspace.root + "/var/ledger-head.json" } }

    @Test("the anchor follows every commit: an untouched history verifies against it")
    func follows() async throws {
        let fixture = try ReceiptFixture()
        let result = await fixture.verifyLedger()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let anchored = try #require(try fixture.gateway.store.verifyLedger(project: try ProjectID("acme")).first?.anchored)
        #expect(anchored.seq == 12)
    }

    @Test("deleting the last event is caught")
    func lastEventDeleted() async throws {
        let fixture = try ReceiptFixture()
        try fixture.sqlite("DELETE FROM ledgerEvent WHERE projectId = 'acme' AND seq = 12")
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("FAIL  acme: the chain of project 'acme' ends at seq 11, but the signed head anchor"))
        #expect(result.stdout.contains("records seq 12: events were removed from the end of the ledger"))
    }

    @Test("deleting every event is caught, not reported as an empty ledger")
    func everyEventDeleted() async throws {
        let fixture = try ReceiptFixture()
        try fixture.sqlite("DELETE FROM ledgerEvent")
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(!result.stdout.contains("The ledger is empty"))
        #expect(result.stdout.contains("the chain of project 'acme' has no events, but the signed head anchor"))
    }

    @Test("a chain cut and grown back past the anchor does not carry the anchor along")
    func cutAndRegrown() async throws {
        let fixture = try ReceiptFixture()
        try fixture.sqlite("DELETE FROM ledgerEvent WHERE projectId = 'acme' AND seq >= 11")
        for minute in 0..<3 {
            try await fixture.gateway.store.appendLedger(
                project: try ProjectID("acme"), handoff: HandoffID(rawValue: "H-0000000002"),
                payload: DownloadedPayload(from: "198.51.100.\(minute)"), at: try at("2026-11-30 18:0\(minute)"))
        }
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("event seq 12 of project 'acme' is not the one the signed head anchor"))
    }

    @Test("events removed with their handoff's other events are caught even without an anchor")
    func handoffLostItsEvents() async throws {
        let fixture = try ReceiptFixture()
        try FileManager.default.removeItem(atPath: anchorPath(fixture))
        try fixture.sqlite("DELETE FROM ledgerAnchorState; DELETE FROM ledgerEvent WHERE seq = 12")
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("handoff H-0000000003 of project 'acme' has no events in the ledger"))
    }

    @Test("a billed entry edited in its table is caught; the receipt would have changed", arguments: [
        "UPDATE timeEntry SET memo = 'Inbox triage and a long lunch' WHERE id = 1",
        "UPDATE timeEntry SET endedAt = '2026-11-02 11:10:00.000' WHERE id = 1",
        "DELETE FROM handoffTimeEntry WHERE timeEntryId = 1; DELETE FROM timeEntry WHERE id = 1",
    ])
    func billedEntryEdited(sql: String) async throws {
        let fixture = try ReceiptFixture()
        try fixture.sqlite(sql)
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("time entry 1 of project 'acme'"), "\(result.stdout)")
    }

    @Test("a removed anchor is reported once the store has had one")
    func anchorRemoved() async throws {
        let fixture = try ReceiptFixture()
        try FileManager.default.removeItem(atPath: anchorPath(fixture))
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("ledger-head.json is missing"))
        #expect(!FileManager.default.fileExists(atPath: anchorPath(fixture)), "a removed anchor is never silently made again")
    }

    @Test("an anchor edited by hand (an earlier head, the old signature) is not trusted")
    func anchorEdited() async throws {
        let fixture = try ReceiptFixture()
        let text = try String(contentsOfFile: anchorPath(fixture), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"seq\" : 12", with: "\"seq\" : 11").utf8).write(to: URL(fileURLWithPath: anchorPath(fixture)))
        let result = await fixture.verifyLedger()
        #expect(result.status == 65)
        #expect(result.stdout.contains("the ledger head anchor cannot be trusted: the signature of"))
    }
}

@Suite("`ledger verify --receipt` checks the ledger against a receipt a client holds", .serialized)
struct ReceiptLedgerCheckTests {
    /// The fixture with two more events, and the signed receipt a client got after them.
    func issued() throws -> (ReceiptFixture, String) {
        let fixture = try ReceiptFixture()
        for minute in 0..<2 {
            try fixture.gateway.store.appendLedger(
                project: try ProjectID("acme"), handoff: HandoffID(rawValue: "H-0000000002"),
                payload: DownloadedPayload(from: "198.51.100.\(minute)"), at: try at("2026-11-30 18:0\(minute)"))
        }
        let receipt = try fixture.receipt()
        #expect(receipt.chainLength == 14)
        let file = fixture.workspace.root + "/receipt-acme.json"
        try Data(try fixture.gateway.signedReceipt(receipt)).write(to: URL(fileURLWithPath: file))
        return (fixture, file)
    }

    func handoff(_ fixture: ReceiptFixture, _ arguments: [String]) async -> CommandResult {
        await runInProcess(arguments + ["--config", fixture.workspace.configPath])
    }

    @Test("the ledger that issued the receipt still holds its chain (exit 0)")
    func holds() async throws {
        let (fixture, file) = try issued()
        let result = await handoff(fixture, ["ledger", "verify", "--receipt", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok    acme: the ledger still holds the 14 events the receipt vouches for"))
    }

    @Test("a ledger cut back behind the receipt fails, even with its anchor and its traces removed")
    func cutBehindReceipt() async throws {
        let (fixture, file) = try issued()
        try FileManager.default.removeItem(atPath: fixture.workspace.root + "/var/ledger-head.json")
        let sqlite = try runProgram("sqlite3", [fixture.workspace.databasePath, "DELETE FROM ledgerAnchorState; DELETE FROM ledgerEvent WHERE seq > 12"])
        #expect(sqlite.status == 0, "\(sqlite.stderr)")
        // Consistent in itself: the plain check cannot tell.
        #expect(await handoff(fixture, ["ledger", "verify", "-p", "acme"]).status == 0)
        let result = await handoff(fixture, ["ledger", "verify", "--receipt", file])
        #expect(result.status == 65)
        #expect(result.stdout.contains("FAIL  acme: the ledger of project 'acme' has no event seq 14, which the receipt's chain head vouches for"))
    }

    @Test("a receipt signed with another key is refused (exit 65)")
    func otherKey() async throws {
        let (issuer, file) = try issued()
        let other = try ReceiptFixture()
        let result = await handoff(other, ["ledger", "verify", "--receipt", file])
        withExtendedLifetime(issuer) {}
        #expect(result.status == 65)
        #expect(result.stderr.contains("is signed with the key ed25519:"))
    }

    @Test("no receipt is issued for a ledger shorter than its anchor")
    func noReceiptForCutLedger() throws {
        let fixture = try ReceiptFixture()
        let sqlite = try runProgram("sqlite3", [fixture.workspace.databasePath, "DELETE FROM ledgerEvent WHERE seq = 12"])
        #expect(sqlite.status == 0, "\(sqlite.stderr)")
        let error = #expect(throws: HandoffError.self) { try fixture.receipt() }
        #expect(error?.message.hasPrefix("No receipt was made: the chain of project 'acme' ends at seq 11") == true)
    }
}
