import Foundation

/// A secret key kept in a file of its own and made once: however many processes start at
/// the same moment, every one of them ends up with the same key.
public enum KeyFile {
    /// Stores `newKey` at `path` (mode 0600, its folder created) unless a key is there
    /// already, and returns the key now at `path`: `newKey`, or the one another process
    /// stored first. The file is linked into place, never renamed, so a key once written
    /// is never replaced. `role` names the key in errors ("the link signing key").
    public static func create(_ newKey: Data, at path: String, role: String) throws(HandoffError) -> Data {
        try FileSystem.createFolder(Paths.split(path).folder, kind: .config, hint: "\(role.prefix(1).uppercased() + role.dropFirst()) is kept there.")
        let created: Bool
        do {
            created = try AtomicFile.write(Array(newKey), to: path, mode: 0o600, createOnly: true, sync: true)
        } catch {
            throw .config("Cannot create \(role) \(path): \(error.reason).")
        }
        if created { return newKey }
        guard let theirs = FileManager.default.contents(atPath: path) else {
            throw .config("Cannot create \(role) \(path): another process made it, and it cannot be read.")
        }
        return theirs
    }
}
