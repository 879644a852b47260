import HandoffCore
import HandoffStore
import HandoffConfig
import Foundation

extension Gateway {
    /// How old a temporary file must be before it counts as left over by a process that
    /// died: long enough that no live writer is still working on it.
    static let staleAfterSeconds: TimeInterval = 15 * 60

    /// Removes temporary files that a killed process left in the folders Handoff writes
    /// (hidden `*.tmp` files next to sent messages, old spool files). Messages and packages
    /// themselves are never touched.
    func sweepStaleTemporaryFiles(now: Date = Date()) {
        let manager = FileManager.default
        var folders = [dataPath("spool")]
        if case .file(directory: let directory) = config.mail.transport { folders.append(directory) }
        for folder in folders {
            guard let names = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasSuffix(".tmp") || folder.hasSuffix("spool") {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                      now.timeIntervalSince(modified) > Self.staleAfterSeconds
                else { continue }
                try? manager.removeItem(atPath: path)
            }
        }
    }
}
