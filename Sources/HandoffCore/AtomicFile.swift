#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a hidden temporary name in its final folder and moved into place
/// only when complete: a crash or an error leaves either nothing or the whole file at the
/// final path, never a part of it. Dropped without `commit`, it removes the temporary file.
///
/// The temporary file sits next to the final path (same file system, so the rename is
/// atomic). `commit` renames over a regular file; `commitIfAbsent` links, so a file made by
/// another process at the same moment is never replaced (create-once keys, messages).
/// Errors are `AtomicFileError`s naming the step and the path, for each caller to word.
public final class AtomicFile {
    public let finalPath: String
    public let temporaryPath: String
    /// Open for writing until `commit`, `commitIfAbsent` or `discard`.
    public let descriptor: Int32
    private var isClosed = false
    private var isFinished = false

    /// Creates `.<name>.<random>.<suffix>` in `finalPath`'s folder with `mode` (less the
    /// umask). Throws `.create` naming the folder when it cannot be created there.
    public init(finalPath: String, mode: mode_t, suffix: String = "tmp") throws(AtomicFileError) {
        self.finalPath = finalPath
        let (folder, name) = Paths.split(finalPath)
        let prefix = finalPath.contains("/") ? (folder.hasSuffix("/") ? folder : folder + "/") : ""
        var generator = SystemRandomNumberGenerator()
        var created: (fd: Int32, path: String)?
        for _ in 0..<8 where created == nil {
            let candidate = prefix + ".\(name).\(RandomToken.crockford(length: 8, using: &generator)).\(suffix)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd >= 0 {
                created = (fd, candidate)
            } else if errno != EEXIST {
                throw AtomicFileError(.create, folder)
            }
        }
        guard let created else { throw AtomicFileError(.create, folder, code: EEXIST) }
        descriptor = created.fd
        temporaryPath = created.path
    }

    deinit { discard() }

    /// write(2) until every byte is written, retrying on EINTR.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(AtomicFileError) {
        if let code = Self.writeAll(bytes, to: descriptor) { throw AtomicFileError(.write, temporaryPath, code: code) }
    }

    /// Writes `bytes` whole; convenient for small files such as keys and anchors.
    public func write(_ bytes: [UInt8]) throws(AtomicFileError) {
        let code = bytes.withUnsafeBytes { Self.writeAll($0, to: descriptor) }
        if let code { throw AtomicFileError(.write, temporaryPath, code: code) }
    }

    /// Syncs (when asked), closes and renames the file to `finalPath`, which may hold
    /// nothing or, with `replacingFile`, a regular file. Anything else there (a folder, a
    /// device, a symbolic link) is refused, since rename(2) would replace whatever it is;
    /// the check is made at the last moment, as something may have appeared meanwhile.
    /// With `sync`, the folder is flushed too, so the rename survives a power cut.
    public func commit(sync: Bool, replacingFile: Bool = true) throws(AtomicFileError) {
        try close(sync: sync)
        defer { finish() }
        if let kind = Self.nonRegularKind(at: finalPath) { throw AtomicFileError(.notRegularFile(kind), finalPath, code: 0) }
        if !replacingFile, FileSystem.exists(finalPath) { throw AtomicFileError(.exists, finalPath, code: EEXIST) }
        guard rename(temporaryPath, finalPath) == 0 else { throw AtomicFileError(.rename, finalPath) }
        isFinished = true
        if sync { FileSystem.syncFolder(Paths.split(finalPath).folder) }
    }

    /// Syncs (when asked), closes and links the file at `finalPath` only if nothing is
    /// there yet (atomic, unlike a check followed by a rename). Returns false, writing
    /// nothing, if something is.
    public func commitIfAbsent(sync: Bool) throws(AtomicFileError) -> Bool {
        try close(sync: sync)
        defer { finish() }
        guard link(temporaryPath, finalPath) == 0 else {
            if errno == EEXIST { return false }
            throw AtomicFileError(.link, finalPath)
        }
        if sync { FileSystem.syncFolder(Paths.split(finalPath).folder) }
        return true
    }

    /// Closes and deletes the temporary file; safe to call more than once and after a
    /// commit (the final file is left alone).
    public func discard() {
        if !isClosed {
            isClosed = true
            // Nothing useful can be done with a close error on a file being thrown away.
            _ = closeDescriptor(descriptor)
        }
        finish()
    }

    private func close(sync: Bool) throws(AtomicFileError) {
        guard !isClosed else { throw AtomicFileError(.close, temporaryPath, code: EBADF) }
        if sync, fsync(descriptor) != 0 {
            let code = errno
            discard()
            throw AtomicFileError(.sync, temporaryPath, code: code)
        }
        isClosed = true
        if closeDescriptor(descriptor) != 0 {
            let code = errno
            finish()
            throw AtomicFileError(.close, temporaryPath, code: code)
        }
    }

    /// Removes the temporary name: after a rename it is gone already, after a link the
    /// final name keeps the file.
    private func finish() {
        guard !isFinished else { return }
        isFinished = true
        unlink(temporaryPath)
    }

    /// write(2) until everything is written; the errno if it failed. Static so a writing
    /// thread can use it with the descriptor alone.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let written = writeDescriptor(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            remaining -= written
            next += written
        }
        return nil
    }

    /// What is at `path` when it is neither nothing nor a regular file (lstat(2), so a
    /// symbolic link counts as one even to a regular file).
    public static func nonRegularKind(at path: String) -> AtomicFileError.TargetKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .special
        }
    }
}

@available(*, unavailable) extension AtomicFile: Sendable {}

/// Why an `AtomicFile` step failed: the step, the path it acted on and the errno.
public struct AtomicFileError: Error, Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// Creating the temporary file; the path is the folder.
        case create
        case write, sync, close, rename, link
        /// A regular file is at the final path and replacing it was not allowed.
        case exists
        /// Something other than a regular file is at the final path.
        case notRegularFile(TargetKind)
    }

    public enum TargetKind: Sendable, Equatable { case folder, symbolicLink, special }

    public let step: Step
    public let path: String
    public let code: Int32

    public init(_ step: Step, _ path: String, code: Int32 = errno) {
        self.step = step
        self.path = path
        self.code = code
    }

    /// The errno's text ("No space left on device").
    public var reason: String { FileSystem.errnoText(code) }

    /// Whether freeing space may make a retry succeed.
    public var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT }
}

// Free functions, so `AtomicFile` can have `write` and `close` methods of its own.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
private func writeDescriptor(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }

extension AtomicFile {
    /// Writes `bytes` to `path` through a temporary file: renamed over the old file
    /// (`createOnly` false), or linked only if nothing is there yet (`createOnly` true,
    /// returning false when another process made the file first).
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t, createOnly: Bool = false, sync: Bool) throws(AtomicFileError) -> Bool {
        let file = try AtomicFile(finalPath: path, mode: mode)
        try file.write(bytes)
        if createOnly { return try file.commitIfAbsent(sync: sync) }
        try file.commit(sync: sync)
        return true
    }
}
