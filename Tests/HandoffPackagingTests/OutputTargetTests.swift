import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffPackaging
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The output path: only ever a new or a regular file")
struct OutputTargetTests {
    /// Packages a small folder into `target` and returns the refusal.
    private func refusal(packaging scratch: String, to target: String, replacing: Bool = false) throws -> HandoffError? {
        try Fixture.write(scratch + "/src/a.txt", "a")
        let packager = Packager(options: .init(syncToDisk: false, replacesExistingFile: replacing))
        return #expect(throws: HandoffError.self) { try packager.package(source: scratch + "/src", to: target) }
    }

    /// Nothing but the target itself (and the source) may be in the scratch folder.
    private func expectNoLeftovers(in scratch: String, besides names: Set<String>) throws {
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: scratch))
        #expect(left == names.union(["src"]), "a temporary file was left behind: \(left)")
    }

    @Test("A FIFO is refused and stays a FIFO", .temporaryFolder)
    func fifo() throws {
        let scratch = try TemporaryFolder.path()
        #expect(mkfifo(scratch + "/pipe", 0o644) == 0)
        let error = try refusal(packaging: scratch, to: scratch + "/pipe", replacing: true)
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("FIFO") == true, "\(error?.message ?? "")")
        var info = stat()
        #expect(lstat(scratch + "/pipe", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        try expectNoLeftovers(in: scratch, besides: ["pipe"])
    }

    @Test("A symlink is refused even when it points to a regular file, and neither changes", .temporaryFolder)
    func symlink() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/real.zip", "keep me")
        try FileManager.default.createSymbolicLink(atPath: scratch + "/link.zip", withDestinationPath: "real.zip")
        let error = try refusal(packaging: scratch, to: scratch + "/link.zip", replacing: true)
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("symbolic link") == true, "\(error?.message ?? "")")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch + "/link.zip") == "real.zip")
        #expect(try Fixture.text(scratch + "/real.zip") == "keep me")
        try expectNoLeftovers(in: scratch, besides: ["real.zip", "link.zip"])
    }

    @Test("A folder is refused and left as it is", .temporaryFolder)
    func folder() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/out.zip/inside.txt", "x")
        let error = try refusal(packaging: scratch, to: scratch + "/out.zip", replacing: true)
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("is a folder") == true)
        #expect(try Fixture.text(scratch + "/out.zip/inside.txt") == "x")
    }

    @Test("An existing file is replaced only when asked (a usage error, exit 64, otherwise)", .temporaryFolder)
    func existingFile() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/out.zip", "earlier work")
        let error = try refusal(packaging: scratch, to: scratch + "/out.zip")
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("already exists") == true)
        #expect(error?.message.contains("--force") == true)
        #expect(try Fixture.text(scratch + "/out.zip") == "earlier work")
        try expectNoLeftovers(in: scratch, besides: ["out.zip"])

        let replacing = Packager(options: .init(syncToDisk: false, replacesExistingFile: true))
        let info = try replacing.package(source: scratch + "/src", to: scratch + "/out.zip")
        #expect(try Fixture.bytes(scratch + "/out.zip").count == Int(info.size))
    }

    /// Made in the test's folder (as root only), so the system's own /dev/null is never
    /// what a failing test would replace.
    @Test("A character device like /dev/null is refused and stays a device", .temporaryFolder, .enabled(if: getuid() == 0))
    func device() throws {
        let scratch = try TemporaryFolder.path()
        // Major 1, minor 3: the null device, in the old encoding that small numbers share.
        #expect(mknod(scratch + "/null", S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0)
        let error = try refusal(packaging: scratch, to: scratch + "/null", replacing: true)
        #expect(error?.message.contains("character device") == true, "\(error?.message ?? "")")
        var info = stat()
        #expect(lstat(scratch + "/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        try expectNoLeftovers(in: scratch, besides: ["null"])
    }
}
