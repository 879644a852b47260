import Foundation
import HandoffCore

/// The entry point for fuzzing the inbound parser: any bytes at all, as a mail file, must
/// give a result (or a `HandoffError` about the disk), never a trap or a hang.
///
/// The seeded test in HandoffInboundTests feeds it mutated corpus messages on every run;
/// `make fuzz` runs the same test for longer.
public enum InboundFuzz {
    /// Writes `bytes` to a file in a fresh temporary folder, parses it with attachments saved
    /// beside it under `limits`, and removes the folder. Returns the parse, or nil when the
    /// parse threw (which only a disk problem may cause).
    @discardableResult
    public static func run(bytes: [UInt8], limits: InboundLimits = InboundLimits()) -> InboundMessage? {
        let folder = Paths.join(FileManager.default.temporaryDirectory.path, "handoff-fuzz-" + UUID().uuidString.lowercased())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let file = Paths.join(folder, "message.eml")
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return try InboundParser.parse(file: file, attachmentsFolder: Paths.join(folder, "attachments"), limits: limits)
        } catch {
            return nil
        }
    }
}
