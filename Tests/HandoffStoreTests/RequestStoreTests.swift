import Foundation
import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffStore

@Suite("Requests in the store: numbers, threading, states, assignment, acknowledgements")
struct RequestStoreTests {
    @Test("request numbers are unique under concurrency and never handed out twice")
    func concurrentReservations() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let ids = try await withThrowingTaskGroup(of: RequestID.self) { group in
            for _ in 0..<40 { group.addTask { try await store.reserveRequestID() } }
            return try await group.reduce(into: [RequestID]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 40)
        #expect(ids.map(\.number).sorted() == Array(1...40))
        // A store opened again (a restart) goes on after the last number reserved.
        let reopened = try HandoffStore(dataDirectory: fixture.folder)
        #expect(try await reopened.reserveRequestID() == RequestID(number: 41))
    }

    @Test("a reply is threaded by a message of the request, its acknowledgement or a delivery for it")
    func threading() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let request = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(), placement: .newRequest(request, project: fixture.project.id), checkpoint: nil)
        let found = try await store.requestThreading(messageIDs: ["unknown@x.test", "<m1@acme.test>"])
        #expect(found?.0 == request)
        #expect(found?.1 == fixture.project.id)
        #expect(try await store.requestThreading(messageIDs: ["unknown@x.test"]) == nil)
        #expect(try await store.requestThreading(messageIDs: []) == nil)

        try await store.recordAcknowledgement(request: request, sender: "Client@Acme.test", messageID: "<ack1@va.test>", at: Date())
        #expect(try await store.requestThreading(messageIDs: ["ack1@va.test"])?.0 == request)

        var delivery = try fixture.request()
        delivery.requestID = request.rawValue
        let queued = try await store.queueDelivery(delivery, maxAttempts: 3)
        try await store.markSending(queued.record.handoffID, messageID: "<out1@va.test>", route: .email)
        #expect(try await store.requestThreading(messageIDs: ["out1@va.test"])?.0 == request)
        #expect(try await store.handoff(sentAs: "out1@va.test") == queued.record.handoffID)
        #expect(try await store.handoff(sentAs: "<out1@va.test>") == queued.record.handoffID)
        #expect(try await store.handoff(sentAs: "nothing@va.test") == nil)
    }

    @Test("acknowledgements are counted per sender, case-insensitively, since a time")
    func acknowledgementCount() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let request = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(), placement: .newRequest(request, project: nil), checkpoint: nil)
        let hourAgo = Date(timeIntervalSince1970: 1_790_000_000)
        try await store.recordAcknowledgement(request: request, sender: "client@acme.test", messageID: "a1@va.test", at: hourAgo)
        try await store.recordAcknowledgement(request: request, sender: "CLIENT@acme.test", messageID: "a2@va.test", at: hourAgo.addingTimeInterval(3000))
        #expect(try await store.acknowledgementsSent(to: "Client@ACME.test", since: hourAgo) == 2)
        #expect(try await store.acknowledgementsSent(to: "client@acme.test", since: hourAgo.addingTimeInterval(60)) == 1)
        #expect(try await store.acknowledgementsSent(to: "other@acme.test", since: hourAgo) == 0)
    }

    @Test("listing by state: open, unmatched and closed; closing twice changes nothing")
    func statesAndClose() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let matched = try await store.reserveRequestID()
        let unmatched = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(uid: 1), placement: .newRequest(matched, project: fixture.project.id), checkpoint: nil)
        _ = try await store.recordInbound(incoming(uid: 2, messageID: "m2@x.test", from: "who@x.test"), placement: .newRequest(unmatched, project: nil), checkpoint: nil)
        #expect(try await store.requests(state: .open).map(\.id) == [matched.rawValue])
        #expect(try await store.requests(state: .unmatched).map(\.id) == [unmatched.rawValue])
        #expect(try await store.requests(project: fixture.project.id).map(\.id) == [matched.rawValue])

        let closedAt = Date(timeIntervalSince1970: 1_790_100_000)
        let closed = try await store.closeRequest(matched.rawValue, at: closedAt)
        #expect(closed?.state == .closed)
        #expect(closed?.closedAt == closedAt)
        let again = try await store.closeRequest(matched.rawValue, at: closedAt.addingTimeInterval(60))
        #expect(again?.closedAt == closedAt)
        #expect(try await store.requests(state: .closed).map(\.id) == [matched.rawValue])
        #expect(try await store.closeRequest("R-999") == nil)
    }

    @Test("assigning needs the owner the caller expects, so two assignments never both move files")
    func assign() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let request = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(), placement: .newRequest(request, project: nil), checkpoint: nil)
        let assigned = try await store.assignRequest(request.rawValue, to: fixture.project.id, expecting: nil)
        #expect(assigned.project == fixture.project.id)
        #expect(assigned.state == .open)
        do {
            _ = try await store.assignRequest(request.rawValue, to: fixture.project.id, expecting: nil)
            Issue.record("a second assignment from unmatched went through")
        } catch {
            #expect(error.message.contains("Request \(request) belongs to project 'acme'"))
        }
        await #expect(throws: HandoffError.self) { try await store.assignRequest("R-999", to: fixture.project.id, expecting: nil) }
    }

    @Test("clock in and deliver refuse an unmatched request, with a typed error")
    func unmatchedRefused() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let request = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(), placement: .newRequest(request, project: nil), checkpoint: nil)
        let now = Date()
        do {
            _ = try store.clockIn(project: fixture.project.id, request: "r-\(request.number)", memo: nil, at: now, now: now, clock: WallClock(zone: TimeZone(identifier: "UTC") ?? .current))
            Issue.record("clock in on an unmatched request went through")
        } catch {
            #expect(error.message == "Request \(request) is unmatched: it belongs to no project yet.")
        }
        #expect(throws: HandoffError.self) { try store.checkRequest(request.rawValue, project: fixture.project.id) }
        #expect(try await store.request(request.rawValue)?.projectId == "")
    }

    @Test("saveRequest updates a request but never moves it to another project")
    func saveRequestKeepsProject() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        try store.saveRequest(id: "r-7", project: fixture.project.id, messageID: "<req-7@acme.test>", subject: "First")
        try store.saveRequest(id: "R-7", project: fixture.project.id, messageID: "<req-7@acme.test>", subject: "Second")
        #expect(try await store.request("R-7")?.subject == "Second")
        let other = Project(id: try ProjectID("bravo"), name: "Bravo", contacts: [], allow: [])
        try store.syncProjects([fixture.project, other])
        #expect(throws: HandoffError.self) { try store.saveRequest(id: "R-7", project: other.id, messageID: nil, subject: nil) }
        #expect(try await store.request("R-7")?.projectId == "acme")
        // The next reserved number comes after the one saved by hand.
        #expect(try await store.reserveRequestID() == RequestID(number: 8))
    }
}
