import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

@Suite("AES-256 zip")
struct EncryptionTests {
    @Test("An encrypted zip opens with its passphrase and only with it", .temporaryFolder)
    func encrypted() throws {
        let scratch = try TemporaryFolder.path()
        let source = scratch + "/deliverable"
        try Fixture.sampleDeliverable(at: source)
        let output = scratch + "/x.zip"

        let info = try Packager(options: .init(encrypt: true)).package(source: source, to: output)
        let passphrase = try #require(info.passphrase)

        // Five groups of five Crockford base-32 characters.
        let groups = passphrase.split(separator: "-", omittingEmptySubsequences: false)
        #expect(groups.count == 5 && groups.allSatisfy { $0.count == 5 }, "\(passphrase)")
        #expect(passphrase.allSatisfy { $0 == "-" || RandomToken.crockford.contains($0) })

        // Every file entry with content is flagged encrypted, with the AES method (99).
        // (libarchive writes an empty file as a plain empty entry: there is nothing to hide.)
        let members = try Python.zipMembers(output, scratch: scratch)
        #expect(members.filter { !$0.isDir && $0.size > 0 }.count == 6)
        for member in members where !member.isDir && member.size > 0 {
            #expect(member.flagBits & 0x1 != 0, "\(member.name) should be encrypted")
            #expect(member.compressType == 99, "\(member.name) should use AES (method 99)")
        }
        let listed = try listArchive(at: output)
        #expect(listed.filter { $0.type == .file && $0.size > 0 }.allSatisfy { $0.isEncrypted })
        #expect(listed.first { $0.path == "manifest.json" }?.isEncrypted == true)

        // Without the passphrase the contents do not come out; with a wrong one neither.
        let without = try Tool.bsdtarExtract(output, to: scratch + "/none", scratch: scratch)
        #expect(without.status != 0)
        let wrong = try Tool.bsdtarExtract(output, to: scratch + "/wrong", scratch: scratch, passphrase: "WRONG-WRONG-WRONG-WRONG-WRONG")
        #expect(wrong.status != 0)
        #expect(throws: HandoffError.self) {
            try ArchiveListing(computeDigests: true).listArchive(at: output)
        }

        // With it, every file comes out intact.
        let opened = try Tool.bsdtarExtract(output, to: scratch + "/open", scratch: scratch, passphrase: passphrase)
        #expect(opened.status == 0, "\(opened.stderr)")
        let hashes = try Python.hashes(scratch + "/open", scratch: scratch)
        for entry in info.manifest.files {
            #expect(hashes["deliverable/" + entry.path] == entry.sha256, "\(entry.path)")
        }
        let digests = try ArchiveListing(passphrase: passphrase, computeDigests: true).listArchive(at: output)
        #expect(digests.first { $0.path == "deliverable/report.txt" }?.sha256 == info.manifest.files.first { $0.path == "report.txt" }?.sha256)
        #expect(try ArchiveListing(passphrase: passphrase).manifest(at: output) == info.manifest)
    }

    @Test("Each package gets its own passphrase", .temporaryFolder)
    func freshPassphrase() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        let packager = Packager(options: .init(encrypt: true))
        let one = try packager.package(source: scratch + "/src", to: scratch + "/1.zip")
        let two = try packager.package(source: scratch + "/src", to: scratch + "/2.zip")
        #expect(one.passphrase != nil && one.passphrase != two.passphrase)
    }
}
