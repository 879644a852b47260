import Foundation
import HandoffCore

/// A one-line progress display on standard error, only when it is a terminal: scripts and
/// logs get no carriage returns. Redraws at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let total: Int64
    /// Taken at creation: updates come from the packager's thread, outside the command's task.
    private let console = Console.current
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Nil when standard error is not a terminal.
    init?(label: String, total: Int64) {
        guard console.errorIsTerminal, total > 0 else { return nil }
        self.label = label
        self.total = total
    }

    /// A line for work whose size is not known in advance; `update(status:)` says how far.
    init?(label: String) {
        guard console.errorIsTerminal else { return nil }
        self.label = label
        self.total = 0
    }

    func update(_ done: Int64) {
        guard total > 0 else { return }
        let percent = min(100, Int(done * 100 / total))
        draw("\(percent)%  \(ByteCount.format(done)) of \(ByteCount.format(total))")
    }

    /// `label: status`, for counts without a total (`120 fetched, 640/s`).
    func update(status: String) {
        draw(status)
    }

    private func draw(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        console.write("\r\(label) \(text)\u{1B}[K", to: .error)
    }

    /// Clears the line so what is printed next starts clean.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { console.write("\r\u{1B}[K", to: .error) }
    }

    /// The bytes of regular files under `path` (or of `path` itself), for the total.
    static func totalBytes(under path: String) -> Int64 {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else { return 0 }
        guard FileSystem.isDirectory(path) else {
            return (try? manager.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        }
        var total: Int64 = 0
        let enumerator = manager.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]), values.isRegularFile == true {
                total += Int64(values.fileSize ?? 0)
            }
        }
        return total
    }
}
