import Foundation
import GRDB
import HandoffCLITesting
import HandoffCore
import Testing

@Suite("handoff requests: list, show, close, assign")
struct RequestsCommandTests {
    @Test("list --json has the issue's shape: null project when unmatched, messages with attachment paths")
    func listJSON() async throws {
        let setup = try await RequestsWorkspace()
        let result = await runInProcess(["requests", "list", "--json", "--config", setup.configPath])
        #expect(result.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["R-2", "R-1"])
        #expect(list[0]["project"] is NSNull)
        #expect(list[0]["state"] as? String == "unmatched")
        let brief = try #require(((list[0]["messages"] as? [[String: Any]])?.first?["attachments"] as? [[String: Any]])?.first)
        #expect(brief["original_name"] is NSNull)
        #expect(brief["path"] as? String == "requests/_unmatched/R-2/brief.pdf")
        let first = list[1]
        #expect(first["project"] as? String == "acme")
        #expect(first["state"] as? String == "open")
        #expect(first["from"] as? String == "dana@acme.test")
        #expect(first["subject"] as? String == "Listing photos")
        #expect(first["message_id"] as? String == "m1@client.test")
        #expect(first["received"] as? String == "2026-09-21T14:13:20Z")
        let message = try #require((first["messages"] as? [[String: Any]])?.first)
        #expect(message["message_id"] as? String == "m1@client.test")
        #expect(message["from"] as? String == "dana@acme.test")
        #expect(message["subject"] as? String == "Listing photos")
        #expect(message["received"] as? String == "2026-09-21T14:13:20Z")
        #expect(message["text"] as? String == "Text of request 1.")
        let file = try #require((message["attachments"] as? [[String: Any]])?.first)
        #expect(file["name"] as? String == "photo.jpg")
        #expect(file["original_name"] as? String == "Photo 1.jpg")
        #expect(file["size"] as? Int == 6)
        #expect(file["sha256"] as? String == String(repeating: "1", count: 64))
        #expect(file["path"] as? String == "requests/acme/R-1/photo.jpg")
    }

    @Test("list filters by state and project; the table names unmatched requests so")
    func listTable() async throws {
        let setup = try await RequestsWorkspace()
        let unmatched = await runInProcess(["requests", "list", "--state", "unmatched", "--config", setup.configPath])
        #expect(unmatched.status == 0)
        #expect(unmatched.stdout.hasPrefix("R-2  (unmatched)  unmatched  "))
        #expect(unmatched.stdout.contains("who@elsewhere.test  A brief  1 msg  1 att"))
        #expect(!unmatched.stdout.contains("R-1"))
        let acme = await runInProcess(["requests", "list", "-p", "acme", "--config", setup.configPath])
        #expect(acme.stdout.hasPrefix("R-1  acme  open  "))
        #expect(!acme.stdout.contains("R-2"))
        let closed = await runInProcess(["requests", "list", "--state", "closed", "--config", setup.configPath])
        #expect(closed.stdout == "No requests match.\n")
        let unknown = await runInProcess(["requests", "list", "-p", "nope", "--config", setup.configPath])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("There is no project 'nope'"))
        let badState = await runInProcess(["requests", "list", "--state", "pending", "--config", setup.configPath])
        #expect(badState.status == 64)
    }

    @Test("a subject with a line break and an escape sequence stays on its row, escaped")
    func controlCharacters() async throws {
        let setup = try await RequestsWorkspace()
        try await setup.store(number: 3, project: nil, from: "x@elsewhere.test", subject: "Line one\nLine two\u{1B}[31m", file: "a.txt", original: nil, received: Date())
        let list = await runInProcess(["requests", "list", "--state", "unmatched", "--config", setup.configPath])
        let rows = list.stdout.split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows.first?.contains("Line one\\u{A}Line two\\u{1B}[31m  1 msg  1 att") == true)
        let shown = await runInProcess(["requests", "show", "R-3", "--config", setup.configPath])
        #expect(shown.stdout.contains("Subject: Line one\\u{A}Line two\\u{1B}[31m\n"))
        #expect(!shown.stdout.contains("\u{1B}"))
    }

    @Test("show prints the text and the attachment's full path; an unknown id exits 65")
    func show() async throws {
        let setup = try await RequestsWorkspace()
        let shown = await runInProcess(["requests", "show", "r-1", "--config", setup.configPath])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("R-1  acme  open\nFrom: Client 1 <dana@acme.test>\nSubject: Listing photos\n"))
        #expect(shown.stdout.contains("Text of request 1."))
        #expect(shown.stdout.contains("attachment: \(setup.dataFolder)/requests/acme/R-1/photo.jpg  (6 bytes, application/octet-stream, sent as \"Photo 1.jpg\")"))

        let missing = await runInProcess(["requests", "show", "R-99", "--config", setup.configPath])
        #expect(missing.status == 65)
        #expect(missing.stderr == "handoff: No request R-99; `handoff requests list` shows them.\n")
        let json = await runInProcess(["requests", "show", "R-2", "--json", "--config", setup.configPath])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "R-2")
        #expect(object["project"] is NSNull)
    }

    @Test("close is idempotent")
    func close() async throws {
        let setup = try await RequestsWorkspace()
        let first = await runInProcess(["requests", "close", "R-1", "--config", setup.configPath])
        #expect(first.status == 0)
        #expect(first.stdout == "R-1 closed.\n")
        let second = await runInProcess(["requests", "close", "R-1", "--config", setup.configPath])
        #expect(second.status == 0)
        #expect(second.stdout == "R-1 was already closed.\n")
        let json = await runInProcess(["requests", "list", "--state", "closed", "--json", "--config", setup.configPath])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["R-1"])
        let missing = await runInProcess(["requests", "close", "R-42", "--config", setup.configPath])
        #expect(missing.status == 65)
    }

    @Test("assign moves an unmatched request and its files into the project's folder")
    func assign() async throws {
        let setup = try await RequestsWorkspace()
        let result = await runInProcess(["requests", "assign", "R-2", "-p", "acme", "--json", "--config", setup.configPath])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["project"] as? String == "acme")
        #expect(object["state"] as? String == "open")
        let file = try #require(((object["messages"] as? [[String: Any]])?.first?["attachments"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "requests/acme/R-2/brief.pdf")
        let files = FileManager.default
        #expect(files.fileExists(atPath: setup.dataFolder + "/requests/acme/R-2/brief.pdf"))
        #expect(!files.fileExists(atPath: setup.dataFolder + "/requests/_unmatched/R-2"))

        let again = await runInProcess(["requests", "assign", "R-2", "-p", "acme", "--config", setup.configPath])
        #expect(again.status == 0)
        #expect(again.stdout == "R-2 already belongs to acme.\n")
    }

    @Test("assign refuses another project's request without --force, an unknown project, and an existing destination")
    func assignRefusals() async throws {
        let setup = try await RequestsWorkspace()
        let other = await runInProcess(["requests", "assign", "R-1", "-p", "bravo", "--config", setup.configPath])
        #expect(other.status == 65)
        #expect(other.stderr.contains("Request R-1 belongs to project 'acme'. To move it to 'bravo' anyway, give --force"))
        let unknown = await runInProcess(["requests", "assign", "R-2", "-p", "nope", "--config", setup.configPath])
        #expect(unknown.status == 64)

        let blocking = setup.dataFolder + "/requests/bravo/R-1"
        try FileManager.default.createDirectory(atPath: blocking, withIntermediateDirectories: true)
        let taken = await runInProcess(["requests", "assign", "R-1", "-p", "bravo", "--force", "--config", setup.configPath])
        #expect(taken.status == 65)
        #expect(taken.stderr.contains("\(blocking) already exists"))
        #expect(FileManager.default.fileExists(atPath: setup.dataFolder + "/requests/acme/R-1/photo.jpg"))
        let shown = await runInProcess(["requests", "show", "R-1", "--config", setup.configPath])
        #expect(shown.stdout.hasPrefix("R-1  acme  open"))

        try FileManager.default.removeItem(atPath: blocking)
        let forced = await runInProcess(["requests", "assign", "R-1", "-p", "bravo", "--force", "--config", setup.configPath])
        #expect(forced.status == 0)
        #expect(forced.stdout.hasPrefix("R-1 assigned to bravo (was acme)."))
        #expect(FileManager.default.fileExists(atPath: setup.dataFolder + "/requests/bravo/R-1/photo.jpg"))
    }

    @Test("clock in and deliver refuse an unmatched request with the way to assign it")
    func unmatchedRefused() async throws {
        let setup = try await RequestsWorkspace()
        let clock = await runInProcess(["clock", "in", "acme", "--request", "R-2", "--config", setup.configPath])
        #expect(clock.status == 65)
        #expect(clock.stderr == "handoff: Request R-2 is unmatched: it belongs to no project yet. Assign it to a project first: `handoff requests assign R-2 -p PROJECT`.\n")
        let matched = await runInProcess(["clock", "in", "acme", "--request", "r-1", "--config", setup.configPath])
        #expect(matched.status == 0)
        let folder = try setup.workspace.makeDeliverable("outbox/acme/report")
        let deliver = await runInProcess(["deliver", folder, "-p", "acme", "--request", "R-2", "--config", setup.configPath])
        #expect(deliver.status == 65)
        #expect(deliver.stderr.contains("Request R-2 is unmatched"))
    }
}

@Suite("handoff requests assign when the store refuses after the folder moved")
struct RequestAssignRollbackTests {
    @Test("the folder is renamed back and the request stays unmatched")
    func renamedBack() async throws {
        let setup = try await RequestsWorkspace()
        // A trigger makes the store's update fail after the gateway has renamed the folder.
        let queue = try DatabaseQueue(path: setup.dataFolder + "/handoff.sqlite")
        try await queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuseAssign BEFORE UPDATE OF projectId ON request BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
        }
        try queue.close()
        let result = await runInProcess(["requests", "assign", "R-2", "-p", "acme", "--config", setup.configPath])
        #expect(result.status != 0)
        #expect(result.stderr.contains("refused by test"))
        #expect(FileManager.default.fileExists(atPath: setup.dataFolder + "/requests/_unmatched/R-2/brief.pdf"))
        #expect(!FileManager.default.fileExists(atPath: setup.dataFolder + "/requests/acme/R-2"))
        let shown = await runInProcess(["requests", "show", "R-2", "--config", setup.configPath])
        #expect(shown.stdout.hasPrefix("R-2  (unmatched)  unmatched"))
    }
}
