import Foundation
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

/// One project's requests, folders and time never go into another project's delivery.
@Suite("One project's things never go into another project's delivery")
struct ProjectBoundaryTests {
    /// A workspace whose store holds beta's request R-1; its queue runs at noon that day.
    func workspaceWithBetaRequest() throws -> (TimeWorkspace, Gateway) {
        let workspace = try TimeWorkspace()
        var gateway = try workspace.gateway()
        let noon = try at("2026-11-30 12:00")
        gateway.now = { noon }
        try gateway.store.saveRequest(
            id: "R-1", project: try ProjectID("beta"), messageID: "<r1@beta.test>", subject: "Beta's secret plans",
            receivedAt: try at("2026-11-30 08:00"))
        return (workspace, gateway)
    }

    static let wrongProject = "Request 'R-1' belongs to project 'beta', not 'acme'."

    @Test("deliver -p acme --request R-1 of beta is refused before anything is stored")
    func deliverWithOtherProjectsRequest() throws {
        let (workspace, gateway) = try workspaceWithBetaRequest()
        let folder = try workspace.deliverable()
        let error = #expect(throws: HandoffError.self) { try gateway.deliver(path: folder, project: "acme", request: "R-1") }
        #expect(error?.kind == .badInput)
        #expect(error?.message == Self.wrongProject)
        #expect(try gateway.store.jobs().isEmpty)
    }

    @Test("a READY in acme's outbox naming beta's request goes to .failed with the reason")
    func readyWithOtherProjectsRequest() async throws {
        let (workspace, gateway) = try workspaceWithBetaRequest()
        let folder = workspace.root + "/outbox/acme/plan"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("plan\n".utf8).write(to: URL(fileURLWithPath: folder + "/plan.txt"))
        try Data("request: R-1\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let scan = try await gateway.scanOutbox(now: try at("2026-11-30 09:00"))
        #expect(scan.queued.isEmpty)
        let error = String(decoding: try Data(contentsOf: URL(fileURLWithPath: workspace.root + "/outbox/acme/.failed/plan/ERROR.txt")), as: UTF8.self)
        #expect(error.contains(Self.wrongProject))
        #expect(try await gateway.store.jobs().isEmpty)
    }

    @Test("a handoff stored with another project's request is not sent in that request's thread")
    func storedCrossProjectRequest() async throws {
        let (workspace, gateway) = try workspaceWithBetaRequest()
        // As a store written before `deliver` checked the owner would hold it.
        let request = DeliveryRequest(
            project: try ProjectID("acme"), source: .path(try workspace.deliverable()), to: [try EmailAddress(parsing: "dana@acme.test")],
            cc: [], bcc: [], route: .email, message: nil, requestID: "R-1", encrypt: false, idempotencyKey: nil, timeEntries: [])
        let id = try await gateway.store.queueDelivery(request, maxAttempts: 1, now: try at("2026-11-30 09:00")).record.handoffID
        _ = try await gateway.drain()
        let record = try #require(try await gateway.store.handoff(id))
        #expect(record.status == .failed)
        #expect(record.lastError?.contains("answers request 'R-1', which belongs to project 'beta', not 'acme'") == true)
        let sent = (try? FileManager.default.contentsOfDirectory(atPath: workspace.root + "/var/sent")) ?? []
        #expect(sent.filter { $0.hasSuffix(".eml") }.isEmpty)
    }

    @Test("clock in and time add for acme refuse beta's request")
    func timeWithOtherProjectsRequest() throws {
        let (workspace, gateway) = try workspaceWithBetaRequest()
        defer { withExtendedLifetime(workspace) {} }
        let now = try at("2026-11-30 18:00")
        let clock = #expect(throws: HandoffError.self) {
            try gateway.clockIn(project: "acme", request: "R-1", memo: nil, now: try at("2026-11-30 09:00"), clock: berlin)
        }
        #expect(clock?.message == Self.wrongProject)
        let add = #expect(throws: HandoffError.self) {
            try gateway.addTimeEntry(project: "acme", request: "R-1", start: try at("2026-11-30 09:00"), end: try at("2026-11-30 10:00"), memo: nil, now: now, clock: berlin)
        }
        #expect(add?.message == Self.wrongProject)
        #expect(try gateway.store.timeEntries().isEmpty)
    }

    /// Ways to name beta's outbox folder while delivering for acme.
    static let otherOutboxPaths: [(String, String)] = [
        ("directly", "outbox/beta/plan"),
        ("through '..'", "outbox/acme/../beta/plan"),
        ("through a symbolic link", "shortcut"),
        ("a folder deep inside", "outbox/beta/plan/drafts"),
    ]

    @Test("deliver -p acme of a folder in beta's outbox folder is refused, naming the folder and its project", arguments: otherOutboxPaths)
    func deliverOtherProjectsFolder(how: String, relative: String) throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let plan = workspace.root + "/outbox/beta/plan"
        try FileManager.default.createDirectory(atPath: plan + "/drafts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workspace.root + "/outbox/acme", withIntermediateDirectories: true)
        try Data("beta's plan\n".utf8).write(to: URL(fileURLWithPath: plan + "/drafts/plan.txt"))
        try FileManager.default.createSymbolicLink(atPath: workspace.root + "/shortcut", withDestinationPath: plan)
        let error = #expect(throws: HandoffError.self, "\(how)") { try gateway.deliver(path: workspace.root + "/" + relative, project: "acme") }
        #expect(error?.kind == .badInput)
        let betaOutbox = URL(fileURLWithPath: workspace.root + "/outbox/beta").resolvingSymlinksInPath().path
        #expect(error?.message.contains("lies in \(betaOutbox), the outbox folder of project 'beta': that work belongs to 'beta', not 'acme'") == true, "\(how): \(error?.message ?? "")")
        #expect(try gateway.store.jobs().isEmpty)
        // The same folder delivered for its own project is fine.
        #expect(throws: Never.self) { try gateway.deliver(path: workspace.root + "/" + relative, project: "beta") }
    }
}
