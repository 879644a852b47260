import Foundation
import HandoffCore

/// The ledger's head, kept outside the database: each project's latest sequence number
/// and hash, signed with the ledger key, in one small file replaced atomically after every
/// commit that appends events.
///
/// A hash chain proves that no event inside it was changed, but not that none was cut off
/// the end: deleting the last rows (or all of them) leaves a shorter chain that still
/// verifies. The anchor remembers how far each chain reached, so `ledger verify` can tell
/// "shorter than it was" from "never longer". It only ever moves forward, and only along
/// the chain it already vouches for: a chain cut and regrown past the old head does not
/// move it.
public struct LedgerAnchor: Sendable {
    /// Where the anchor lives (`ledger-head.json` in the data folder).
    public let path: String
    let signer: Signer

    /// How the anchor is signed and checked; the store does not hold the key itself.
    public struct Signer: Sendable {
        public var sign: @Sendable (Data) throws(HandoffError) -> Data
        public var isValid: @Sendable (_ signature: Data, _ message: Data) -> Bool

        public init(
            sign: @escaping @Sendable (Data) throws(HandoffError) -> Data,
            isValid: @escaping @Sendable (_ signature: Data, _ message: Data) -> Bool
        ) {
            self.sign = sign
            self.isValid = isValid
        }
    }

    public init(path: String, signer: Signer) {
        self.path = path
        self.signer = signer
    }

    /// One project's anchored head.
    public struct Head: Sendable, Equatable, Codable {
        public var seq: Int64
        public var hash: String
    }

    /// What the file says, once its signature has been checked.
    public enum State: Sendable, Equatable {
        case missing
        case heads([String: Head])
        /// Unreadable or wrongly signed: the reason, for a person.
        case invalid(String)
    }

    private struct File: Codable {
        var version: Int
        var heads: [String: Head]
        var signature: String
    }

    /// The bytes the signature covers: one line per project, sorted, so the same heads
    /// always sign the same way whatever JSON encoder wrote the file.
    static func signedBytes(_ heads: [String: Head]) -> Data {
        var text = "handoff ledger head v1\n"
        for (project, head) in heads.sorted(by: { $0.key < $1.key }) {
            text += "\(project) \(head.seq) \(head.hash)\n"
        }
        return Data(text.utf8)
    }

    /// Reads and checks the anchor.
    public func read() -> State {
        guard let data = FileManager.default.contents(atPath: path) else {
            return FileManager.default.fileExists(atPath: path) ? .invalid("\(path) cannot be read") : .missing
        }
        guard let file = try? JSONDecoder().decode(File.self, from: data), file.version == 1 else {
            return .invalid("\(path) is not a ledger head anchor (damaged or edited)")
        }
        guard let signature = Data(base64Encoded: file.signature),
              signer.isValid(signature, Self.signedBytes(file.heads))
        else {
            return .invalid("the signature of \(path) does not match its content or the ledger key: it was edited or written with another key")
        }
        return .heads(file.heads)
    }

    /// What identifies one version of the file: every write renames a new file into place,
    /// so a new inode (and time) means someone wrote it. Nil when there is no file.
    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
    }

    func identity() -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Replaces the anchor with `heads`, atomically (a new file renamed over the old one),
    /// so a reader never sees half a file.
    func write(_ heads: [String: Head]) throws(HandoffError) {
        let signature = try signer.sign(Self.signedBytes(heads))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do {
            data = try encoder.encode(File(version: 1, heads: heads, signature: signature.base64EncodedString()))
        } catch {
            throw .internal("Cannot encode the ledger head anchor: \(error)")
        }
        do {
            try AtomicFile.write(Array(data), to: path, mode: 0o644, sync: false)
        } catch {
            switch error.step {
            case .create, .write, .close, .sync:
                throw .unavailable("Cannot write the ledger head anchor next to \(path): \(error.reason). Check the data folder's permissions and free space.")
            default:
                throw .unavailable("Cannot replace the ledger head anchor \(path): \(error.reason).")
            }
        }
    }

    /// Runs `body` holding an exclusive lock on the anchor, so two processes (the daemon
    /// and a command) never interleave a read and a write and move the anchor backwards.
    func locked<T>(_ body: () throws(HandoffError) -> T) throws(HandoffError) -> T {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .unavailable("Cannot open the ledger head lock \(lockPath): \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw .unavailable("Cannot lock the ledger head \(lockPath): \(String(cString: strerror(errno))).")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
