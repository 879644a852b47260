import Foundation
import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffPackaging

#if canImport(Glibc)
import Glibc
#endif

/// The folder is walked first and read afterwards; a file rewritten between the two with
/// as many bytes as before must not go out as a mixture. The test rewrites it exactly in
/// that gap, so no timing is involved.
@Suite("A file rewritten in place with the same size")
struct RewriteInPlaceTests {
    @Test("is refused as a temporary failure naming the file, and no archive is left", .temporaryFolder)
    func sameSizeRewrite() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/a.txt", "unchanged")
        try Fixture.write(scratch + "/src/report.txt", "version 1")
        let packager = Packager(options: .init(syncToDisk: false))
        let plan = try packager.plan(source: scratch + "/src", name: nil)

        try Fixture.write(scratch + "/src/report.txt", "version 2")
        // Timestamps tick coarsely (a few milliseconds): give the rewrite a modification
        // time of its own, as any real save a moment later would have.
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, scratch + "/src/report.txt", &times, 0) == 0)

        let output = scratch + "/x.zip"
        let file = try OutputFile(finalPath: output, syncToDisk: false, replacesExistingFile: false)
        let error = #expect(throws: HandoffError.self) {
            try packager.write(plan, to: file, archivePath: output, fileName: "x.zip", progress: nil)
        }
        #expect(error?.exitCode == 75)
        #expect(error?.message.contains("report.txt") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("changed while it was being packaged") == true)
        #expect(try Fixture.listing(scratch) == ["src"], "neither the archive nor a temporary file may be left")
    }

    @Test("an untouched folder packages as before", .temporaryFolder)
    func untouched() throws {
        let scratch = try TemporaryFolder.path()
        try Fixture.write(scratch + "/src/report.txt", "version 1")
        let packager = Packager(options: .init(syncToDisk: false))
        let plan = try packager.plan(source: scratch + "/src", name: nil)
        let output = scratch + "/x.zip"
        let file = try OutputFile(finalPath: output, syncToDisk: false, replacesExistingFile: false)
        let info = try packager.write(plan, to: file, archivePath: output, fileName: "x.zip", progress: nil)
        #expect(info.manifest.fileCount == 1)
    }
}
