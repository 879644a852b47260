import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffMIME
import Testing
@testable import HandoffMail

/// Peak resident memory of this process in KiB (`VmHWM`), after optionally resetting it.
enum PeakMemory {
    static var supported: Bool { FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs") }

    /// Writing 5 to clear_refs resets the peak (Linux 4.0+), so the next reading covers
    /// only what happens from now on, not an earlier test's allocations.
    static func reset() throws {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
    }

    static func peakKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }
}

/// The tests that move megabytes run one at a time: the memory test reads the peak
/// resident size of the whole process, which a neighbour's 5 MiB buffers would blur.
@Suite("Large messages", .serialized)
enum LargeMessageTests {}

extension LargeMessageTests {
    @Suite("Memory")
    struct MemoryTests {
        /// A 200 MiB attachment (sparse, so making it costs no disk time) is rendered while the
        /// peak resident size is watched: streaming keeps it to the two chunk buffers.
        @Test("Rendering a 200 MiB attachment keeps peak memory flat", .temporaryFolder, .enabled(if: PeakMemory.supported))
        func flatMemory() throws {
            let folder = try TemporaryFolder.path()
            let attachment = folder + "/big.bin"
            let size: UInt64 = 200 * 1024 * 1024 + 2 // size % 3 == 1: the last group is padded "=="
            #expect(FileManager.default.createFile(atPath: attachment, contents: nil))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: attachment))
            try handle.truncate(atOffset: size)
            try handle.close()
            let message = Fixture.message(attachments: [MailAttachment(path: attachment, fileName: "big.bin", mediaType: "application/octet-stream")])

            try PeakMemory.reset()
            let before = try PeakMemory.peakKiB()
            let written = try MIMEWriter.write(message, to: folder + "/big.eml")
            let growthKiB = try PeakMemory.peakKiB() - before

            #expect(growthKiB < 64 * 1024, "peak resident memory grew by \(growthKiB / 1024) MiB")
            #expect(written == (try MIMEWriter.encodedSize(of: message)))
            #expect(written > Int64(size) * 4 / 3)
            // The last line holds size % 57 == 4 bytes ("AAAAAA=="), then the closing boundary.
            let output = try FileHandle(forReadingFrom: URL(fileURLWithPath: folder + "/big.eml"))
            try output.seek(toOffset: UInt64(written) - 60)
            let tail = String(decoding: try output.readToEnd() ?? Data(), as: UTF8.self)
            try output.close()
            #expect(tail.contains("AAAA\r\nAAAAAA==\r\n--=_Handoff_"))
            #expect(tail.hasSuffix("--\r\n"))
        }
    }
}
