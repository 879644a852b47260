#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import HandoffCore

/// One attachment being written: a new file (never an existing one, never through a
/// symlink), its size and SHA-256 kept as the bytes go by.
final class AttachmentWriter {
    let path: String
    private var fd: Int32
    private var hasher = SHA256()
    private(set) var size: Int64 = 0

    /// Creates `path`; fails when anything is already there.
    init(path: String) throws(HandoffError) {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw .unavailable("Cannot create the attachment file \(path): \(FileSystem.errnoText()). Check that the folder is writable.")
        }
        self.path = path
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(HandoffError) {
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .unavailable("Cannot write the attachment file \(path): \(FileSystem.errnoText()). Check the free space.")
            }
            offset += written
        }
    }

    /// Closes the file and returns the SHA-256 of what was written, lowercase hex.
    func finish() throws(HandoffError) -> String {
        let status = close(fd)
        fd = -1
        guard status == 0 else {
            throw .unavailable("Cannot close the attachment file \(path): \(FileSystem.errnoText()).")
        }
        return Hex.string(hasher.finalize())
    }

    deinit {
        if fd >= 0 { _ = close(fd) }
    }
}

@available(*, unavailable)
extension AttachmentWriter: Sendable {}
