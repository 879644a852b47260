import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

@Suite("What gets skipped, what gets followed")
struct LitterAndLinkTests {
    @Test("Operating-system litter and version-control folders are skipped at any depth", .temporaryFolder)
    func litterSkipped() throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/src"
        try Fixture.write(source + "/brief.docx", "the work")
        try Fixture.write(source + "/.env.example", "a dot file is kept")
        for litter in [".DS_Store", "sub/.DS_Store", "Thumbs.db", "sub/THUMBS.DB", "desktop.ini", "~$brief.docx",
                       "._brief.docx", ".~lock.brief.docx#", ".git/config", "sub/.svn/entries", "__MACOSX/x"] {
            try Fixture.write(source + "/" + litter, "litter")
        }
        try Fixture.write(source + "/sub/kept.txt", "kept")

        let info = try Packager().package(source: source, to: scratch + "/x.zip")

        #expect(info.manifest.files.map(\.path) == [".env.example", "brief.docx", "sub/kept.txt"])
        #expect(try listArchive(at: scratch + "/x.zip").map(\.path) ==
            ["src/", "src/.env.example", "src/brief.docx", "src/sub/", "src/sub/kept.txt", "manifest.json"])
    }

    @Test("A symlink to a file inside the folder is stored as the file's content", .temporaryFolder, arguments: ArchiveFormat.allCases)
    func insideFileLink(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/src"
        try Fixture.write(source + "/docs/real.txt", "real content")
        try FileManager.default.createSymbolicLink(atPath: source + "/latest.txt", withDestinationPath: "docs/real.txt")
        let output = scratch + "/x.\(format.fileExtension)"

        let info = try Packager(options: .init(format: format)).package(source: source, to: output)

        let byPath = Dictionary(uniqueKeysWithValues: info.manifest.files.map { ($0.path, $0) })
        #expect(byPath["latest.txt"]?.sha256 == byPath["docs/real.txt"]?.sha256)
        #expect(byPath["latest.txt"]?.size == 12)
        let entries = try listArchive(at: output)
        #expect(entries.first { $0.path == "src/latest.txt" }?.type == .file)
        #expect(!entries.contains { $0.type == .symlink })
    }

    @Test("A symlink to a folder inside is followed", .temporaryFolder)
    func insideFolderLink() throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/src"
        try Fixture.write(source + "/v2/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: source + "/current", withDestinationPath: "v2")
        let info = try Packager().package(source: source, to: scratch + "/x.zip")
        #expect(info.manifest.files.map(\.path) == ["current/a.txt", "v2/a.txt"])
    }

    @Test("A source given as a symlink to a folder packages the folder", .temporaryFolder)
    func sourceIsLink() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/real/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/link", withDestinationPath: "real")
        let info = try Packager().package(source: scratch + "/link", to: scratch + "/x.zip")
        #expect(info.manifest.name == "link")
        #expect(info.manifest.files.map(\.path) == ["a.txt"])
    }

    @Test("An existing archive at the output is replaced by the new one when asked", .temporaryFolder)
    func replacesOutput() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        try Fixture.write(scratch + "/x.zip", "old")
        let info = try Packager(options: .init(replacesExistingFile: true)).package(source: scratch + "/src", to: scratch + "/x.zip")
        #expect(try Fixture.listing(scratch) == ["src", "x.zip"])
        #expect(try listArchive(at: scratch + "/x.zip").count == 3)
        #expect(info.size > 3)
    }
}
