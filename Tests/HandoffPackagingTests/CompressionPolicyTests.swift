import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

@Suite("Compression policy in zip")
struct CompressionPolicyTests {
    /// A folder with random bytes, text named .jpg (the extension alone decides), plain
    /// text, CSV and random bytes under a text-like name.
    private func mixedFolder(_ scratch: String) throws -> String {
        let source = scratch + "/src"
        try Fixture.write(source + "/random.bin", bytes: Fixture.randomBytes(200_000))
        try Fixture.write(source + "/photo.jpg", Fixture.prose(lines: 500))
        try Fixture.write(source + "/Scan.PDF", Fixture.prose(lines: 500))
        try Fixture.write(source + "/notes.txt", Fixture.prose(lines: 500))
        try Fixture.write(source + "/figures.csv", Fixture.csv(rows: 500))
        try Fixture.write(source + "/export.dat", bytes: Fixture.randomBytes(100_000))
        try Fixture.write(source + "/empty.txt", "")
        return source
    }

    private func methods(_ output: String, scratch: String) throws -> [String: Int] {
        let members = try Python.zipMembers(output, scratch: scratch).filter { !$0.isDir }
        return Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.compressType) })
    }

    @Test("auto stores compressed and random files and deflates text", .temporaryFolder)
    func auto() throws {
        let scratch = try TemporaryFolder.path()
        let source = try mixedFolder(scratch)
        _ = try Packager(options: .init(compression: .auto)).package(source: source, to: scratch + "/x.zip")
        let methods = try methods(scratch + "/x.zip", scratch: scratch)
        // zipfile: 0 = stored, 8 = deflated.
        #expect(methods["src/random.bin"] == 0)
        #expect(methods["src/export.dat"] == 0)
        #expect(methods["src/photo.jpg"] == 0)
        #expect(methods["src/Scan.PDF"] == 0)
        #expect(methods["src/notes.txt"] == 8)
        #expect(methods["src/figures.csv"] == 8)
        #expect(methods["manifest.json"] == 8)
    }

    @Test("always deflates everything", .temporaryFolder)
    func always() throws {
        let scratch = try TemporaryFolder.path()
        let source = try mixedFolder(scratch)
        _ = try Packager(options: .init(compression: .always)).package(source: source, to: scratch + "/x.zip")
        let methods = try methods(scratch + "/x.zip", scratch: scratch)
        for (name, method) in methods where name != "src/empty.txt" {
            #expect(method == 8, "\(name)")
        }
    }

    @Test("never stores everything", .temporaryFolder)
    func never() throws {
        let scratch = try TemporaryFolder.path()
        let source = try mixedFolder(scratch)
        let info = try Packager(options: .init(compression: .never)).package(source: source, to: scratch + "/x.zip")
        let methods = try methods(scratch + "/x.zip", scratch: scratch)
        #expect(methods.values.allSatisfy { $0 == 0 }, "\(methods)")
        // Stored: the archive is at least as large as the files it holds.
        #expect(info.size > info.manifest.totalBytes)
    }

    @Test("The tar formats compress the stream, and never means hardly at all", .temporaryFolder, arguments: [ArchiveFormat.tarGz, .tarZst])
    func tarLevels(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/notes.txt", Fixture.prose(lines: 5000))
        let compressed = try Packager(options: .init(format: format)).package(source: scratch + "/src", to: scratch + "/a.\(format.fileExtension)")
        let stored = try Packager(options: .init(format: format, compression: .never)).package(source: scratch + "/src", to: scratch + "/b.\(format.fileExtension)")
        #expect(compressed.size * 5 < compressed.manifest.totalBytes)
        #expect(stored.size > compressed.size * 3)
        #expect(try listArchive(at: stored.archivePath).map(\.path) == ["src/", "src/notes.txt", "manifest.json"])
    }
}
