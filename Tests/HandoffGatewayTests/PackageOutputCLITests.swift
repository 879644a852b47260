import Foundation
import HandoffCLITesting
import HandoffCore
import Testing

@Suite("handoff package: where the archive goes")
struct PackageOutputCLITests {
    @Test("-o - writes the archive to standard output and the manifest to standard error")
    func standardOutput() throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let result = try runHandoff(["package", folder, "-o", "-"], in: workspace.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("PK"), "a zip starts with its local header")
        #expect(result.stderr.contains("sha256:"))
        #expect(result.stderr.contains("2 files"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root + "/brochure.zip"), "no file is written")
    }

    @Test("an existing file needs --force (exit 64 without it, and the file is untouched)")
    func existingFileNeedsForce() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let output = workspace.root + "/brochure.zip"
        try Data("earlier work".utf8).write(to: URL(fileURLWithPath: output))
        let refused = await runInProcess(["package", folder, "-o", output])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("already exists"))
        #expect(refused.stderr.contains("--force"))
        #expect(try workspace.contents(of: output) == "earlier work")

        let forced = await runInProcess(["package", folder, "-o", output, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).prefix(2) == Data("PK".utf8))
    }

    @Test("an argument that is not UTF-8 is named with its bytes escaped, not reported missing")
    func invalidUTF8Argument() throws {
        let workspace = try Workspace()
        // Swift Strings cannot carry the byte 0xE9 alone; the shell's printf can.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"exec "$0" package "$(printf 'caf\351')""#, try handoffExecutable()]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.root)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 65)
        #expect(stderr.contains("'caf\\xE9' is not valid UTF-8"), "\(stderr)")
        #expect(!stderr.contains("does not exist"))
    }
}
