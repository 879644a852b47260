import Foundation
import GRDB
import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffStore

@Suite("Migration v4: requests stored before requests were numbered survive")
struct RequestMigrationTests {
    @Test("old request rows keep their ids, get numbers, stay referenced, and new numbers follow them", .temporaryFolder)
    func oldRowsSurvive() async throws {
        let folder = try TemporaryFolder.path()
        let received = Date(timeIntervalSince1970: 1_780_000_000)
        // A store as version 3 left it, with a request from before the inbox existed.
        let queue = try DatabaseQueue(path: folder + "/handoff.sqlite")
        try Migrations.migrator.migrate(queue, upTo: "v3: ledger head anchor")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO project (id, name, settings, updatedAt) VALUES ('acme', 'Acme', '{}', ?)", arguments: [received])
            try db.execute(
                sql: "INSERT INTO request (id, projectId, messageId, subject, sender, receivedAt) VALUES ('R-7', 'acme', '<r7@acme.test>', 'Seven', 'a@acme.test', ?)",
                arguments: [received])
            try db.execute(
                sql: "INSERT INTO request (id, projectId, messageId, subject, sender, receivedAt, status) VALUES ('legacy-1', 'acme', NULL, 'Old', NULL, ?, 'closed')",
                arguments: [received.addingTimeInterval(60)])
            try db.execute(
                sql: "INSERT INTO timeEntry (projectId, requestId, startedAt, endedAt, createdAt) VALUES ('acme', 'legacy-1', ?, ?, ?)",
                arguments: [received, received.addingTimeInterval(3600), received])
        }
        try queue.close()

        let store = try HandoffStore(dataDirectory: folder)
        let all = try await store.requests()
        #expect(all.map(\.id) == ["legacy-1", "R-7"])
        #expect(all.map(\.number) == [8, 7])
        #expect(all.map(\.state) == [.closed, .open])
        #expect(all[0].requestID == nil)
        #expect(try await store.request("legacy-1")?.projectId == "acme")
        #expect(try await store.request("R-7")?.messageId == "<r7@acme.test>")
        #expect(try await store.requestDetail(stored: "legacy-1")?.summary.subject == "Old")
        #expect(try store.timeEntries().first?.requestID == "legacy-1")
        #expect(try await store.reserveRequestID() == RequestID(number: 9))
        // A delivery for the old request still threads by its Message-ID.
        #expect(try await store.requestThreading(messageIDs: ["r7@acme.test"])?.0 == RequestID(number: 7))
    }
}
