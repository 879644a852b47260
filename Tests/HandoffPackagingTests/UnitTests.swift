import HandoffTestSupport
import HandoffCore
@testable import HandoffPackaging
import Testing

@Suite("Compression choice")
struct CompressionChoiceTests {
    @Test("Byte entropy: constant data is 0 bits, every byte value equally often is 8")
    func entropy() {
        let zeros = [UInt8](repeating: 0, count: 4096)
        let all = (0..<4096).map { UInt8($0 % 256) }
        let text = Array(Fixture.prose(lines: 100).utf8)
        zeros.withUnsafeBytes { #expect(CompressionChoice.entropy(of: $0) == 0) }
        all.withUnsafeBytes { #expect(abs(CompressionChoice.entropy(of: $0) - 8) < 1e-9) }
        text.withUnsafeBytes { #expect(CompressionChoice.entropy(of: $0) < 5) }
    }

    @Test("Decisions by policy, extension and content", arguments: [
        (CompressionPolicy.auto, "a.txt", false, true),
        (.auto, "a.txt", true, false),
        (.auto, "photo.JPG", false, false),
        (.auto, "book.epub", false, false),
        (.auto, "archive.tar.gz", false, false),
        (.auto, ".jpg", false, true),
        (.always, "photo.jpg", true, true),
        (.never, "a.txt", false, false),
    ])
    func decisions(policy: CompressionPolicy, name: String, random: Bool, deflate: Bool) {
        let bytes = random ? Fixture.randomBytes(65536) : Array(Fixture.prose(lines: 1000).utf8)
        bytes.withUnsafeBytes { first in
            #expect(CompressionChoice.shouldDeflate(policy: policy, name: name, firstBlock: first) == deflate)
        }
    }
}

@Suite("Small pieces")
struct SmallPieceTests {
    @Test("Passphrases: five groups of five, from the Crockford alphabet, never the same twice")
    func passphrase() {
        let samples = (0..<50).map { _ in Passphrase.generate() }
        for sample in samples {
            #expect(sample.count == 29)
            #expect(sample.split(separator: "-").map(\.count) == [5, 5, 5, 5, 5])
            #expect(sample.allSatisfy { $0 == "-" || RandomToken.crockford.contains($0) })
        }
        #expect(Set(samples).count == samples.count)
    }

    @Test("Litter names", arguments: [
        (".DS_Store", true), ("Thumbs.db", true), ("thumbs.DB", true), ("Desktop.ini", true), ("~$report.docx", true),
        ("._photo.jpg", true), (".~lock.sheet.ods#", true), (".git", true), ("__MACOSX", true),
        (".gitignore", false), ("report.docx", false), ("~report.txt", false), (".env", false), ("DS_Store", false),
    ])
    func litter(name: String, skipped: Bool) {
        #expect(Litter.isLitter(name) == skipped)
    }

    @Test("Writer settings: the options each format needs")
    func settings() {
        let zip = WriterSettings(format: .zip, compression: .auto, passphrase: nil)
        #expect(zip.format == .zip && zip.filter == .none)
        #expect(zip.options == ["zip:hdrcharset=UTF-8"])
        let encrypted = WriterSettings(format: .zip, compression: .auto, passphrase: "P")
        #expect(encrypted.options.contains("zip:encryption=aes256"))
        let gzip = WriterSettings(format: .tarGz, compression: .auto, passphrase: nil)
        #expect(gzip.filter == .gzip && gzip.format == .paxRestricted)
        #expect(gzip.options == ["gzip:!timestamp", "gzip:compression-level=6"])
        #expect(WriterSettings(format: .tarGz, compression: .never, passphrase: nil).options.contains("gzip:compression-level=0"))
        #expect(WriterSettings(format: .tarZst, compression: .always, passphrase: nil).options == ["zstd:compression-level=3"])
        #expect(WriterSettings(format: .tarZst, compression: .never, passphrase: nil).options == ["zstd:compression-level=-50"])
    }

    @Test("Default package names", arguments: [
        ("/work/Welcome pack", "/work/Welcome pack", false, "Welcome pack"),
        ("/work/Welcome pack/", "/work/Welcome pack", false, "Welcome pack"),
        (".", "/home/pat/Welcome pack", false, "Welcome pack"),
        ("/work/report.final.pdf", "/work/report.final.pdf", true, "report.final"),
        ("/work/.profile", "/work/.profile", true, ".profile"),
    ])
    func packageName(source: String, resolved: String, isFile: Bool, expected: String) throws {
        #expect(try SourceScanner.packageName(given: nil, source: source, resolved: resolved, isFile: isFile) == expected)
    }

    @Test("Path splitting", arguments: [
        ("a.zip", ".", "a.zip"), ("/tmp/a.zip", "/tmp", "a.zip"), ("/a.zip", "/", "a.zip"), ("out/x/", "out", "x"),
    ])
    func split(path: String, folder: String, name: String) {
        #expect(Paths.split(path) == (folder, name))
    }
}

@Suite("Reading archives")
struct ListingTests {
    @Test("A file that is not an archive is refused", .temporaryFolder)
    func notAnArchive() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/notes.txt", Fixture.prose(lines: 10))
        let error = #expect(throws: HandoffError.self) { try listArchive(at: scratch + "/notes.txt") }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("notes.txt") == true)
    }

    @Test("A missing archive is refused by name", .temporaryFolder)
    func missing() throws {
        let scratch = try TemporaryFolder.path()
        let error = #expect(throws: HandoffError.self) { try listArchive(at: scratch + "/gone.zip") }
        #expect(error?.message.contains("gone.zip") == true)
    }

    @Test("An archive without a manifest has no manifest", .temporaryFolder)
    func noManifest() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        _ = try Tool.output("bsdtar", ["-a", "-cf", scratch + "/plain.zip", "-C", scratch, "src"], scratch: scratch)
        #expect(try listArchive(at: scratch + "/plain.zip").map(\.path).contains("src/a.txt"))
        let error = #expect(throws: HandoffError.self) { try ArchiveListing().manifest(at: scratch + "/plain.zip") }
        #expect(error?.message.contains("no manifest.json") == true)
    }
}
