import Foundation
import HandoffCore
import HandoffTestSupport
import Logging
import Testing
@testable import HandoffMail

@Suite("Maildir inbox")
struct MaildirInboxTests {
    let logger = Logger(label: "test.maildir")

    /// A Maildir under the test's folder with `new` and `cur` messages, as an MDA leaves them.
    func maildir(new: [String: String] = [:], cur: [String: String] = [:]) throws -> String {
        let root = try TemporaryFolder.path() + "/Maildir"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        for (name, text) in new { try TemporaryFolder.write(text, to: "Maildir/new/" + name) }
        for (name, text) in cur { try TemporaryFolder.write(text, to: "Maildir/cur/" + name) }
        return root
    }

    func open(_ path: String) async throws -> any InboxSession {
        try await MaildirInboxSource(name: "local", path: path).open(logger: logger)
    }

    func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("a missing Maildir is a config error naming the path; nothing is created", .temporaryFolder)
    func missing() async throws {
        let path = try TemporaryFolder.path() + "/NoSuchMaildir"
        do {
            _ = try await open(path)
            Issue.record("opened a Maildir that does not exist")
        } catch let error as HandoffError {
            #expect(error.kind == .config)
            #expect(error.message.contains(path))
        }
        #expect(!FileSystem.exists(path))
    }

    @Test("pending lists new/ and cur/, keys before ':', skipping dot files and tmp/", .temporaryFolder)
    func pending() async throws {
        let path = try maildir(
            new: ["1733.M1P2.host": "From: a@b\n\none\n", ".hidden": "x"],
            cur: ["1734.M2P2.host:2,F": "From: a@b\n\ntwo\n"])
        try TemporaryFolder.write("half-delivered", to: "Maildir/tmp/1735.M3P2.host")
        let session = try await open(path)
        #expect(session.uidValidity == 0)
        #expect(!session.canIdle)
        #expect(try await session.messageCount() == 2)
        let refs = try await session.pending(afterUID: 0, since: nil)
        #expect(Set(refs.map(\.key)) == ["1733.M1P2.host", "1734.M2P2.host"])
        #expect(refs.allSatisfy { $0.uid == 0 && $0.size > 0 })
        #expect(try await session.pending(afterUID: 0, since: Date().addingTimeInterval(3600)).isEmpty)
        #expect(try await session.waitForNews(upTo: 5) == false)
    }

    @Test("fetch copies each message byte for byte; markProcessed moves new/ to cur/ with S, never deleting", .temporaryFolder)
    func fetchAndMark() async throws {
        let text = "From: a@b\r\nSubject: x\r\n\r\nbody\r\n"
        let path = try maildir(new: ["m1": text], cur: ["m2:2,RF": text, "m3:2,S": text, "m4": text])
        let session = try await open(path)
        let refs = try await session.pending(afterUID: 0, since: nil).sorted { $0.key < $1.key }
        let out = try TemporaryFolder.path() + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let fetched = try await session.fetch(refs, into: out, maxBytes: 1 << 20)
        #expect(fetched.map(\.complete) == [true, true, true, true])
        for message in fetched { #expect(try String(contentsOfFile: message.file, encoding: .utf8) == text) }

        try await session.markProcessed(refs, moveTo: nil)
        #expect(try files(path + "/new").isEmpty)
        #expect(try files(path + "/cur") == ["m1:2,S", "m2:2,FRS", "m3:2,S", "m4:2,S"])
        // Again: already seen, nothing changes.
        try await session.markProcessed(refs, moveTo: nil)
        #expect(try files(path + "/cur") == ["m1:2,S", "m2:2,FRS", "m3:2,S", "m4:2,S"])
        // The copies stay as they were.
        #expect(try String(contentsOfFile: fetched[0].file, encoding: .utf8) == text)
    }

    @Test("a message over maxBytes comes as its header only", .temporaryFolder)
    func headerOnly() async throws {
        let text = "From: a@b\nSubject: big\n\n" + String(repeating: "x", count: 10_000)
        let path = try maildir(new: ["big": text])
        let session = try await open(path)
        let out = try TemporaryFolder.path()
        let fetched = try #require(try await session.fetch(try await session.pending(afterUID: 0, since: nil), into: out, maxBytes: 100).first)
        #expect(!fetched.complete)
        #expect(fetched.ref.size == Int64(text.utf8.count))
        #expect(try String(contentsOfFile: fetched.file, encoding: .utf8) == "From: a@b\nSubject: big\n\n")
    }

    @Test("a message moved to cur/ by another reader is still found by its key", .temporaryFolder)
    func movedMeanwhile() async throws {
        let path = try maildir(new: ["m1": "From: a@b\n\nx\n"])
        let session = try await open(path)
        let refs = try await session.pending(afterUID: 0, since: nil)
        try FileManager.default.moveItem(atPath: path + "/new/m1", toPath: path + "/cur/m1:2,F")
        try await session.markProcessed(refs, moveTo: nil)
        #expect(try files(path + "/cur") == ["m1:2,FS"])
    }
}

@Suite("Maildir names and inbox files")
struct MaildirNameTests {
    @Test("seen: S added, flags kept sorted", arguments: [
        ("m1", "m1:2,S"), ("m1:2,", "m1:2,S"), ("m1:2,RF", "m1:2,FRS"), ("m1:2,ST", "m1:2,ST"), ("m1:1,xyz", "m1:1,xyz"),
    ])
    func seen(name: String, expected: String) {
        #expect(MaildirName.seen(name) == expected)
    }

    @Test("key: the unique part before ':'", arguments: [("a.b.c:2,S", "a.b.c"), ("plain", "plain"), ("x:y:z", "x")])
    func key(name: String, expected: String) {
        #expect(MaildirName(name).unique == expected)
    }

    @Test("file names keep keys apart and inside the folder", arguments: [
        ("1234", "1234.eml"), ("a b", "a%20b.eml"), ("a%20b", "a%2520b.eml"), ("../x", "%2E.%2Fx.eml"), ("é", "%C3%A9.eml"),
    ])
    func fileName(key: String, expected: String) {
        #expect(InboxFiles.fileName(for: key) == expected)
    }
}

@Suite("Inbox fetch batches")
struct InboxFetchBatchesTests {
    func refs(_ sizes: [Int64]) -> [InboxMessageRef] {
        sizes.enumerated().map { InboxMessageRef(uid: UInt32($0.offset + 1), key: "\($0.offset + 1)", size: $0.element) }
    }

    @Test("at most maxCount messages and about maxBytes per batch; a large message goes alone")
    func split() {
        #expect(IMAPFetchBatches.split(refs(Array(repeating: 1, count: 120))).map(\.count) == [50, 50, 20])
        #expect(IMAPFetchBatches.split(refs([6, 6, 6, 20, 1]), maxBytes: 12).map { $0.map(\.uid) } == [[1, 2], [3], [4], [5]])
        #expect(IMAPFetchBatches.split([]).isEmpty)
    }
}
