import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

@Suite("The same folder gives the same bytes")
struct DeterminismTests {
    @Test("Packaging twice gives byte-identical archives", .temporaryFolder, arguments: ArchiveFormat.allCases)
    func twice(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        try Fixture.sampleDeliverable(at: source)
        let packager = Packager(options: .init(format: format))

        let first = try packager.package(source: source, to: scratch + "/one.\(format.fileExtension)")
        // Reading the files again changes their access times; that must not matter.
        _ = try Python.hashes(source, scratch: scratch)
        let second = try packager.package(source: source, to: scratch + "/two.\(format.fileExtension)")

        #expect(first.sha256 == second.sha256)
        #expect(try Fixture.bytes(first.archivePath) == Fixture.bytes(second.archivePath))
    }

    @Test("A changed file changes the archive", .temporaryFolder, arguments: ArchiveFormat.allCases)
    func changed(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        try Fixture.write(source + "/a.txt", "first draft")
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: source + "/a.txt")
        let packager = Packager(options: .init(format: format))
        let first = try packager.package(source: source, to: scratch + "/one.\(format.fileExtension)")

        try Fixture.write(source + "/a.txt", "final draft")
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: source + "/a.txt")
        let second = try packager.package(source: source, to: scratch + "/two.\(format.fileExtension)")

        #expect(first.sha256 != second.sha256)
        #expect(first.manifest.files[0].sha256 != second.manifest.files[0].sha256)
    }

    @Test("Entries are sorted by the bytes of their UTF-8 names", .temporaryFolder)
    func byteOrder() throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        // Byte order: "B" < "a" < "a-b" < "a/" < "z" < "é" (0xC3 0xA9).
        for name in ["é.txt", "z.txt", "a/x.txt", "a-b.txt", "B.txt"] {
            try Fixture.write(source + "/" + name, name)
        }
        let info = try Packager().package(source: source, to: scratch + "/x.zip")
        #expect(info.manifest.files.map(\.path) == ["B.txt", "a-b.txt", "a/x.txt", "z.txt", "é.txt"])
        #expect(try listArchive(at: scratch + "/x.zip").map(\.path) ==
            ["deliverable/", "deliverable/B.txt", "deliverable/a-b.txt", "deliverable/a/", "deliverable/a/x.txt",
             "deliverable/z.txt", "deliverable/é.txt", "manifest.json"])
    }
}
