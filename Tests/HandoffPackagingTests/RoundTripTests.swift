import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

@Suite("Round trips: what goes in comes out, read by libarchive, bsdtar and Python")
struct RoundTripTests {
    @Test("Every format reads back with the same files, sizes and digests", .temporaryFolder, arguments: ArchiveFormat.allCases)
    func roundTrip(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        let paths = try Fixture.sampleDeliverable(at: source)
        let output = scratch + "/out.\(format.fileExtension)"

        let info = try Packager(options: .init(format: format)).package(source: source, to: output)

        // The manifest lists every file, sorted, with sizes and digests of the originals.
        let originals = try Python.hashes(source, scratch: scratch)
        #expect(info.manifest.name == "deliverable")
        #expect(info.manifest.files.map(\.path) == paths)
        for entry in info.manifest.files {
            #expect(entry.sha256 == originals[entry.path], "digest of \(entry.path)")
            let size = try FileManager.default.attributesOfItem(atPath: source + "/" + entry.path)[.size] as? Int64
            #expect(entry.size == size, "size of \(entry.path)")
        }
        // The archive's own size and digest are those of the file on disk.
        #expect(info.sha256 == (try Python.sha256(output, scratch: scratch)))
        #expect(info.size == (try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int64))
        #expect(info.archivePath == output)
        #expect(info.fileName == "out.\(format.fileExtension)")
        #expect(info.format == format)
        #expect(info.passphrase == nil)

        // Our reader: layout and digests.
        let entries = try ArchiveListing(computeDigests: true).listArchive(at: output)
        let expectedNames = ["deliverable/", "deliverable/Résumé final.txt", "deliverable/data/", "deliverable/data/big.bin",
                             "deliverable/data/figures.csv", "deliverable/empty-folder/", "deliverable/empty.txt",
                             "deliverable/report.txt", "deliverable/scripts/", "deliverable/scripts/run.sh", "manifest.json"]
        #expect(entries.map(\.path) == expectedNames)
        for entry in info.manifest.files {
            let read = try #require(entries.first { $0.path == "deliverable/" + entry.path })
            #expect(read.sha256 == entry.sha256)
            #expect(read.size == entry.size)
            #expect(read.type == .file)
        }
        #expect(try ArchiveListing().manifest(at: output) == info.manifest)

        // bsdtar lists and extracts the same thing.
        #expect(try Tool.bsdtarNames(output, scratch: scratch) == expectedNames)
        let viaBsdtar = scratch + "/bsdtar"
        let extracted = try Tool.bsdtarExtract(output, to: viaBsdtar, scratch: scratch)
        #expect(extracted.status == 0, "\(extracted.stderr)")
        try expectSameFiles(extractedAt: viaBsdtar, manifest: info.manifest, scratch: scratch)
        #expect(FileManager.default.fileExists(atPath: viaBsdtar + "/deliverable/empty-folder"))

        // Python, which shares no code with libarchive.
        let viaPython = scratch + "/python"
        switch format {
        case .zip:
            #expect(try Python.zipMembers(output, scratch: scratch).map(\.name) == expectedNames)
            try Python.unzip(output, to: viaPython, scratch: scratch)
        case .tarGz:
            #expect(try Python.tarMembers(output, scratch: scratch).map(\.name) == expectedNames.map(Self.withoutSlash))
            try Python.untar(output, to: viaPython, scratch: scratch)
        case .tarZst:
            // Python 3.11's tarfile has no zstd: the zstd tool decompresses, Python reads the tar.
            let tar = scratch + "/plain.tar"
            _ = try Tool.output("zstd", ["-q", "-d", output, "-o", tar], scratch: scratch)
            #expect(try Python.tarMembers(tar, scratch: scratch).map(\.name) == expectedNames.map(Self.withoutSlash))
            try Python.untar(tar, to: viaPython, scratch: scratch)
        }
        try expectSameFiles(extractedAt: viaPython, manifest: info.manifest, scratch: scratch)
    }

    @Test("A single file is packaged under a folder named after it", .temporaryFolder, arguments: ArchiveFormat.allCases)
    func singleFile(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/Q3 report.pdf"
        try Fixture.write(source, bytes: Fixture.randomBytes(10_000))
        let output = scratch + "/out.\(format.fileExtension)"

        let info = try Packager(options: .init(format: format)).package(source: source, to: output)

        #expect(info.manifest.name == "Q3 report")
        #expect(info.manifest.files.map(\.path) == ["Q3 report.pdf"])
        #expect(try listArchive(at: output).map(\.path) == ["Q3 report/", "Q3 report/Q3 report.pdf", "manifest.json"])
        #expect(info.manifest.files.first?.sha256 == (try Python.sha256(source, scratch: scratch)))
    }

    @Test("The name option sets the top-level folder and the manifest name", .temporaryFolder)
    func givenName() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        let info = try Packager().package(source: scratch + "/src", to: scratch + "/x.zip", name: "Welcome pack")
        #expect(info.manifest.name == "Welcome pack")
        #expect(try listArchive(at: scratch + "/x.zip").map(\.path) == ["Welcome pack/", "Welcome pack/a.txt", "manifest.json"])
    }

    @Test("manifest.json is sorted-key, indented JSON with slashes unescaped", .temporaryFolder)
    func manifestText() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/sub/a.txt", "a")
        let info = try Packager().package(source: scratch + "/src", to: scratch + "/x.zip")
        let folder = scratch + "/out"
        #expect(try Tool.bsdtarExtract(scratch + "/x.zip", to: folder, scratch: scratch).status == 0)
        let text = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        let expected = """
            {
              "files" : [
                {
                  "path" : "sub/a.txt",
                  "sha256" : "\(info.manifest.files[0].sha256)",
                  "size" : 1
                }
              ],
              "name" : "src"
            }
            """
        #expect(text == expected)
    }

    @Test("Owners, permissions and names are normalised in tar", .temporaryFolder)
    func tarMetadata() throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        try Fixture.sampleDeliverable(at: source)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: source + "/report.txt")
        _ = try Packager(options: .init(format: .tarGz)).package(source: source, to: scratch + "/x.tar.gz")

        let members = try Python.tarMembers(scratch + "/x.tar.gz", scratch: scratch)
        for member in members {
            #expect(member.uid == 0 && member.gid == 0 && member.uname.isEmpty && member.gname.isEmpty, "\(member.name)")
        }
        let modes = Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.mode) })
        #expect(modes["deliverable/report.txt"] == 0o644)
        #expect(modes["deliverable/scripts/run.sh"] == 0o755)
        #expect(modes["deliverable/data"] == 0o755)
        #expect(modes["manifest.json"] == 0o644)
    }

    @Test("Permissions are normalised in zip", .temporaryFolder)
    func zipMetadata() throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        try Fixture.sampleDeliverable(at: source)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: source + "/report.txt")
        _ = try Packager().package(source: source, to: scratch + "/x.zip")

        let modes = Dictionary(uniqueKeysWithValues: try Python.zipMembers(scratch + "/x.zip", scratch: scratch).map { ($0.name, $0.mode & 0o7777) })
        #expect(modes["deliverable/report.txt"] == 0o644)
        #expect(modes["deliverable/scripts/run.sh"] == 0o755)
        #expect(modes["deliverable/data/"] == 0o755)
    }

    private static func withoutSlash(_ name: String) -> String {
        name.hasSuffix("/") ? String(name.dropLast()) : name
    }

    /// Every manifest file is in `folder/<name>/` with the manifest's digest, nothing else
    /// is, and `manifest.json` sits at the root.
    private func expectSameFiles(extractedAt folder: String, manifest: Manifest, scratch: String) throws {
        let hashes = try Python.hashes(folder, scratch: scratch)
        var expected = Dictionary(uniqueKeysWithValues: manifest.files.map { (manifest.name + "/" + $0.path, $0.sha256) })
        expected["manifest.json"] = hashes["manifest.json"]
        #expect(hashes == expected)
        #expect(hashes["manifest.json"] != nil)
    }
}
