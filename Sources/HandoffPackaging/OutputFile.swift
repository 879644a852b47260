import Crypto
import HandoffCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The archive being written: a temporary file next to the final path, hashed as it is
/// written, renamed into place only when complete.
///
/// Hashing the bytes on their way to disk costs one SHA-256 pass over the archive and no
/// second read; measured against re-reading the finished file, it is the faster of the two.
/// Until `commit` succeeds the final path is never touched, and `discard` (or `deinit`)
/// removes the temporary file, so an error or a crash never leaves a half-written archive
/// where a caller would take it for a finished one.
final class OutputFile {
    /// libarchive hands over bytes in blocks of this size (the last one shorter).
    static let blockSize = 1 << 20

    let finalPath: String
    let temporaryPath: String
    private var descriptor: Int32
    private var hasher = SHA256()
    private(set) var bytesWritten: Int64 = 0
    /// The first write failure, kept for the error message: libarchive only learns that
    /// the callback returned -1.
    private(set) var writeError: HandoffError?
    private var isClosed = false

    /// Creates `.<name>.<random>.partial` in `finalPath`'s folder (same file system, so the
    /// final rename is atomic). The mode is 0666 less the umask, as any tool would create it.
    init(finalPath: String) throws(HandoffError) {
        self.finalPath = finalPath
        let (folder, name) = Paths.split(finalPath)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let candidate = Paths.join(folder, ".\(name).\(RandomToken.crockford(length: 8, using: &generator)).partial")
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                descriptor = fd
                temporaryPath = candidate
                return
            }
            if errno != EEXIST {
                throw .badInput("Cannot create the archive in '\(folder)': \(Paths.errnoText()). Choose an output folder you can write to.")
            }
        }
        throw .internal("Could not find a free temporary name next to '\(finalPath)'.")
    }

    deinit { discard() }

    /// Called by libarchive's write callback: writes everything or returns -1.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard !isClosed, writeError == nil else { return -1 }
        guard var next = bytes.baseAddress else { return 0 }
        var remaining = bytes.count
        while remaining > 0 {
            let written = systemWrite(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                // ENOSPC and EDQUOT go away when space is freed: worth retrying later.
                let kind: HandoffError.Kind = (errno == ENOSPC || errno == EDQUOT) ? .temporary : .internal
                writeError = HandoffError(kind, "Writing the archive '\(temporaryPath)' failed: \(Paths.errnoText()).")
                return -1
            }
            remaining -= written
            next += written
        }
        hasher.update(bufferPointer: bytes)
        bytesWritten += Int64(bytes.count)
        return bytes.count
    }

    /// Flushes to disk when asked, closes, and renames the temporary file to `finalPath`.
    /// Returns the archive's size and lower-case hex SHA-256. On failure the temporary file
    /// is gone too.
    func commit(syncToDisk: Bool) throws(HandoffError) -> (size: Int64, sha256: String) {
        guard !isClosed else { throw .internal("The archive '\(finalPath)' was already closed.") }
        if let writeError {
            discard()
            throw writeError
        }
        if syncToDisk, fsync(descriptor) != 0 {
            let error = HandoffError.temporary("Flushing the archive '\(temporaryPath)' to disk failed: \(Paths.errnoText()).")
            discard()
            throw error
        }
        isClosed = true
        if close(descriptor) != 0 {
            let error = HandoffError.temporary("Closing the archive '\(temporaryPath)' failed: \(Paths.errnoText()).")
            unlink(temporaryPath)
            throw error
        }
        if rename(temporaryPath, finalPath) != 0 {
            let error = HandoffError.badInput("Cannot put the archive at '\(finalPath)': \(Paths.errnoText()).")
            unlink(temporaryPath)
            throw error
        }
        if syncToDisk {
            // The rename itself is only durable once the folder is flushed.
            Paths.syncFolder(Paths.split(finalPath).folder)
        }
        return (bytesWritten, Hex.string(hasher.finalize()))
    }

    /// Closes and deletes the temporary file; safe to call more than once and after `commit`
    /// (the renamed file is left alone).
    func discard() {
        guard !isClosed else { return }
        isClosed = true
        // Nothing useful can be done with a close error on a file being thrown away.
        _ = close(descriptor)
        unlink(temporaryPath)
    }
}

@available(*, unavailable) extension OutputFile: Sendable {}

/// write(2), named apart from `OutputFile.write` so the call inside it is unambiguous.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
