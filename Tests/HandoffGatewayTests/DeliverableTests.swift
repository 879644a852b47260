import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

/// What `deliver` refuses before anything is stored.
@Suite("What deliver accepts as a deliverable")
struct DeliverableTests {
    /// A path relative to the workspace root (absolute when it starts with '/'), made by
    /// `prepare`, and the part of the error that must name what is wrong.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var expected: String
        var testDescription: String { name }
    }

    static let refused: [Case] = [
        Case(name: "the file system root", path: "/", expected: "is the root of the file system"),
        Case(name: "the installation folder, which holds the outbox", path: "", expected: "is or holds the outbox folder"),
        Case(name: "the outbox folder", path: "outbox", expected: "is or holds the outbox folder"),
        Case(name: "the project's own outbox folder", path: "outbox/acme", expected: "is project 'acme''s outbox folder itself"),
        Case(name: "the data folder", path: "var", expected: "is or holds Handoff's data folder"),
        Case(name: "a folder inside the data folder", path: "var/sent", expected: "lies inside Handoff's data folder"),
        Case(name: "the configuration folder", path: "config", expected: "is or holds the configuration folder"),
        Case(name: "a name with CR LF", path: "work/plan\r\nBcc: x", expected: "has a control character (U+000D)"),
        Case(name: "a name with a line feed", path: "work/plan\nx", expected: "has a control character (U+000A)"),
        Case(name: "a name with a terminal escape", path: "work/plan\u{1B}[2J", expected: "has a control character (U+001B)"),
        Case(name: "a named pipe", path: "pipe", expected: "is a named pipe (FIFO), not a folder or a regular file"),
        Case(name: "a device", path: "/dev/null", expected: "is a device, not a folder or a regular file"),
        Case(name: "nothing", path: "work/missing", expected: "no such file or folder"),
    ]

    @Test("deliver refuses what is not a client's folder or file, and stores nothing", arguments: refused)
    func refusedDeliverables(_ fixture: Case) throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        try FileManager.default.createDirectory(atPath: workspace.root + "/var/sent", withIntermediateDirectories: true)
        try workspace.makeDeliverable("work/plan\r\nBcc: x")
        try workspace.makeDeliverable("work/plan\nx")
        try workspace.makeDeliverable("work/plan\u{1B}[2J")
        #expect(mkfifo(workspace.root + "/pipe", 0o600) == 0)
        let path = fixture.path.hasPrefix("/") ? fixture.path : workspace.root + "/" + fixture.path
        let error = #expect(throws: HandoffError.self) { try gateway.deliver(path: path, project: "acme") }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains(fixture.expected) == true, "\(error?.message ?? "")")
        #expect(try gateway.store.jobs().isEmpty)
    }

    @Test("a single regular file is delivered as it always was")
    func singleFile() throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try workspace.gateway()
        let outcome = try gateway.deliver(path: folder + "/report.txt", project: "acme")
        #expect(outcome.record.sourcePath == folder + "/report.txt")
    }

    @Test("deliver / through the command line exits 65 and names the root")
    func rootThroughCLI() async throws {
        let workspace = try Workspace()
        let result = await runInProcess(["deliver", "/", "-p", "acme", "--config", workspace.configPath])
        #expect(result.status == 65)
        #expect(result.stderr.contains("/ is the root of the file system"))
    }
}
