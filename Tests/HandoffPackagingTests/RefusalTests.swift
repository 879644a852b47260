import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Refusals: clear errors, and nothing left behind")
struct RefusalTests {
    /// Packages `source` into `scratch/out/x.<format>`, expects a refusal whose message
    /// contains `mentions`, and checks the output folder is still empty.
    private func expectRefusal(
        _ source: String, scratch: String, format: ArchiveFormat = .zip, encrypt: Bool = false,
        kind: HandoffError.Kind = .badInput, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let outFolder = scratch + "/out"
        try Fixture.folder(outFolder)
        let packager = Packager(options: .init(format: format, encrypt: encrypt))
        let error = #expect(throws: HandoffError.self, sourceLocation: sourceLocation) {
            try packager.package(source: source, to: outFolder + "/x.\(format.fileExtension)")
        }
        #expect(error?.kind == kind, "\(error?.message ?? "")", sourceLocation: sourceLocation)
        for text in mentions {
            #expect(error?.message.contains(text) == true, "'\(error?.message ?? "")' should mention '\(text)'", sourceLocation: sourceLocation)
        }
        #expect(try Fixture.listing(outFolder) == [], "nothing may be left in the output folder", sourceLocation: sourceLocation)
    }

    @Test("A missing source", .temporaryFolder)
    func missing() throws {
        let scratch = try TemporaryFolder.path()
        try expectRefusal(scratch + "/nope", scratch: scratch, mentions: ["nope", "does not exist"])
    }

    @Test("An empty folder, or one with only litter", .temporaryFolder)
    func empty() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.folder(scratch + "/empty/sub")
        try expectRefusal(scratch + "/empty", scratch: scratch, mentions: ["empty", "no files"])
        try Fixture.write(scratch + "/litter/.DS_Store", "x")
        try Fixture.write(scratch + "/litter/.git/config", "x")
        try expectRefusal(scratch + "/litter", scratch: scratch, mentions: ["litter", "no files"])
    }

    @Test("A symlink pointing outside the folder", .temporaryFolder)
    func outsideLink() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/secret.txt", "another client's file")
        try Fixture.write(scratch + "/src/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/src/link.txt", withDestinationPath: "../secret.txt")
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: ["link.txt", "outside the folder"])
    }

    @Test("A broken symlink", .temporaryFolder)
    func brokenLink() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/src/gone.txt", withDestinationPath: "missing.txt")
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: ["gone.txt", "missing.txt", "does not exist"])
    }

    @Test("A symlink to a folder above it", .temporaryFolder)
    func loopingLink() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/sub/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/src/sub/up", withDestinationPath: "..")
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: ["sub/up", "contains it"])
    }

    @Test("A FIFO", .temporaryFolder)
    func fifo() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        #expect(mkfifo(scratch + "/src/pipe", 0o644) == 0)
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: ["pipe", "FIFO"])
    }

    @Test("A socket", .temporaryFolder)
    func socketFile() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        let path = scratch + "/src/sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: ["sock", "a socket"])
    }

    @Test("An unreadable file (permissions enforced even when tests run as root)", .temporaryFolder)
    func unreadable() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        try Fixture.write(scratch + "/src/private.txt", "b")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: scratch + "/src/private.txt")
        let outFolder = scratch + "/out"
        try Fixture.folder(outFolder)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: outFolder)
        let source = scratch + "/src"
        let message = try WithoutRootFileAccess.run { () -> String in
            do {
                _ = try Packager().package(source: source, to: outFolder + "/x.zip")
                return "packaged"
            } catch let error as HandoffError {
                return "\(error.kind): \(error.message)"
            } catch {
                return "\(error)"
            }
        }
        #expect(message.hasPrefix("badInput: Cannot read '"), "\(message)")
        #expect(message.contains("private.txt") && message.contains("Permission denied"), "\(message)")
        #expect(try Fixture.listing(outFolder) == [])
    }

    @Test("An unreadable folder", .temporaryFolder)
    func unreadableFolder() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        try Fixture.write(scratch + "/src/locked/b.txt", "b")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: scratch + "/src/locked")
        let source = scratch + "/src"
        let output = scratch + "/x.zip"
        let message = try WithoutRootFileAccess.run { () -> String in
            do {
                _ = try Packager().package(source: source, to: output)
                return "packaged"
            } catch let error as HandoffError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch + "/src/locked")
        #expect(message.contains("Cannot read the folder") && message.contains("locked"), "\(message)")
    }

    @Test("An output inside the source folder", .temporaryFolder)
    func outputInsideSource() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        let error = #expect(throws: HandoffError.self) {
            try Packager().package(source: scratch + "/src", to: scratch + "/src/x.zip")
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("inside") == true)
        #expect(try Fixture.listing(scratch + "/src") == ["a.txt"])
        // The same folder reached through a symlink is still inside.
        try FileManager.default.createSymbolicLink(atPath: scratch + "/alias", withDestinationPath: "src")
        #expect(throws: HandoffError.self) {
            try Packager().package(source: scratch + "/src", to: scratch + "/alias/y.zip")
        }
        #expect(try Fixture.listing(scratch + "/src") == ["a.txt"])
    }

    @Test("An output folder that does not exist", .temporaryFolder)
    func missingOutputFolder() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        let error = #expect(throws: HandoffError.self) {
            try Packager().package(source: scratch + "/src", to: scratch + "/nowhere/x.zip")
        }
        #expect(error?.message.contains("nowhere") == true)
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test("Encryption with a tar format", .temporaryFolder, arguments: [ArchiveFormat.tarGz, .tarZst])
    func encryptedTar(format: ArchiveFormat) throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        try expectRefusal(scratch + "/src", scratch: scratch, format: format, encrypt: true, mentions: ["only available for zip", format.rawValue])
    }

    @Test("A package name that cannot be a folder name", .temporaryFolder, arguments: ["", ".", "..", "a/b", "manifest.json"])
    func badName(name: String) throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "a")
        let error = #expect(throws: HandoffError.self) {
            try Packager().package(source: scratch + "/src", to: scratch + "/x.zip", name: name)
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("cannot be a package name") == true)
    }

    @Test("A file that changes while it is read fails and leaves no archive", .temporaryFolder)
    func changingFile() throws {
        let scratch = try TemporaryFolder.path()
        // /proc files say they are empty but are not: exactly a file that grew after it was
        // looked at, and a failure that happens after the archive was started.
        let output = scratch + "/x.zip"
        try Fixture.write(output, "the previous archive")
        let error = #expect(throws: HandoffError.self) {
            try Packager(options: .init(replacesExistingFile: true)).package(source: "/proc/self/status", to: output)
        }
        #expect(error?.kind == .temporary)
        #expect(error?.message.contains("changed while it was being packaged") == true)
        #expect(try Fixture.listing(scratch) == ["x.zip"], "no temporary file may be left")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "the previous archive")
    }

    @Test("A name with a backslash (a folder separator to Windows) or a control character", .temporaryFolder, arguments: [
        ("..\\..\\evil.txt", "..\\..\\evil.txt", "backslash"),
        ("report\r\n.txt", "report\\r\\n.txt", "control character"),
        ("tab\there.txt", "tab\\there.txt", "control character"),
        ("bell\u{7}.txt", "bell\\u{7}.txt", "control character"),
    ])
    func unsafeName(name: String, shown: String, reason: String) throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/fine.txt", "a")
        try Fixture.write(scratch + "/src/sub/" + name, "b")
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: [shown, reason, "src/sub"])
    }

    @Test("A single file with a backslash in its name", .temporaryFolder)
    func unsafeSingleFile() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/a\\b.txt", "a")
        try expectRefusal(scratch + "/a\\b.txt", scratch: scratch, mentions: ["a\\b", "backslash"])
    }

    @Test("A symlink loop is called a loop, not a missing file", .temporaryFolder)
    func symlinkLoop() throws {
        let scratch = try TemporaryFolder.path()
        try FileManager.default.createSymbolicLink(atPath: scratch + "/one", withDestinationPath: "two")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/two", withDestinationPath: "one")
        try expectRefusal(scratch + "/one", scratch: scratch, mentions: ["one", "symbolic link loop", "ELOOP"])

        try Fixture.write(scratch + "/src/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/src/self", withDestinationPath: "self")
        try expectRefusal(scratch + "/src", scratch: scratch, mentions: ["src/self", "symbolic link loop"])
    }
}
