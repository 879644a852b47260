import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("UTF-8 names survive, under any locale")
struct NameTests {
    static let names = [
        "Café crème.txt",
        "Ångström – naïve façade.txt",
        "with  two spaces.txt",
        "日本語のファイル.txt",
        "Отчёт.txt",
        "emoji 🎉 party.txt",
        // "é" as e + combining accent, as macOS writes it: stored as the precomposed é.
        "e\u{301}cole.txt",
    ]

    @Test("The test process runs under the C locale, where libarchive alone would fail")
    func processLocaleIsC() throws {
        let current = try #require(setlocale(LC_CTYPE, nil))
        #expect(String(cString: current) == "C")
    }

    @Test("Names come out right in our reader, bsdtar and Python", .temporaryFolder, arguments: ArchiveFormat.allCases)
    func names(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/Dossier été"
        for name in Self.names {
            try Fixture.write(source + "/" + name, name)
        }
        try Fixture.write(source + "/子フォルダ/ß.txt", "sub")
        let output = scratch + "/x.\(format.fileExtension)"

        let info = try Packager(options: .init(format: format)).package(source: source, to: output)

        let expectedFiles = (Self.names + ["子フォルダ/ß.txt"]).map(\.precomposedStringWithCanonicalMapping)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(info.manifest.files.map(\.path) == expectedFiles)
        let archived = ["Dossier été/", "Dossier été/子フォルダ/"] + expectedFiles.map { "Dossier été/" + $0 } + ["manifest.json"]
        // Compare as byte sequences: Swift's String == would call the two "école"s equal.
        let ours = try listArchive(at: output).map(\.path)
        #expect(Set(ours.map { Array($0.utf8) }) == Set(archived.map { Array($0.utf8) }))
        let bsdtar = try Tool.bsdtarNames(output, scratch: scratch)
        #expect(Set(bsdtar.map { Array($0.utf8) }) == Set(archived.map { Array($0.utf8) }))

        if format == .zip {
            let members = try Python.zipMembers(output, scratch: scratch)
            #expect(Set(members.map { Array($0.name.utf8) }) == Set(archived.map { Array($0.utf8) }))
            // Bit 11: the names are declared UTF-8, so unzip tools do not guess a code page.
            for member in members where !member.name.allSatisfy(\.isASCII) {
                #expect(member.flagBits & 0x800 != 0, "\(member.name)")
            }
        }
        // Extracted files carry the right content under the right name.
        let folder = scratch + "/out"
        #expect(try Tool.bsdtarExtract(output, to: folder, scratch: scratch).status == 0)
        for name in Self.names {
            #expect(try Fixture.text(folder + "/Dossier été/" + name.precomposedStringWithCanonicalMapping) == name)
        }
        // The manifest says exactly what the archive holds, byte for byte.
        #expect(info.manifest.files.map { Array(("Dossier été/" + $0.path).utf8) } == archived.filter { !$0.hasSuffix("/") && $0 != "manifest.json" }.map { Array($0.utf8) })
    }

    @Test("Two names that differ only in accent encoding are refused", .temporaryFolder)
    func normalisationClash() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/\u{E9}cole.txt", "precomposed")
        try Fixture.write(scratch + "/src/e\u{301}cole.txt", "decomposed")
        let error = #expect(throws: HandoffError.self) {
            try Packager().package(source: scratch + "/src", to: scratch + "/x.zip")
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("differ only in how their accents are encoded") == true)
    }

    @Test("A file name that is not UTF-8 is refused by name", .temporaryFolder)
    func invalidUTF8() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        // "caf\xE9.txt": Latin-1, as an old Windows share might hand it over.
        let bytes: [UInt8] = Array((scratch + "/src/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        let error = #expect(throws: HandoffError.self) {
            try Packager().package(source: scratch + "/src", to: scratch + "/x.zip")
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("not valid UTF-8") == true)
        #expect(error?.message.contains("'caf\\xE9.txt'") == true, "the byte shown escaped: \(error?.message ?? "")")
        #expect(error?.message.contains("Rename it") == true)
    }
}
