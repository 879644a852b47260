#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HandoffCore

/// The POSIX file operations the mail writer and the file transport need beyond
/// HandoffCore's `FileSystem`: errors that name the path and sort errno into a retry or a
/// refusal, and the kind and size of what a path holds.
enum MailFiles {
    /// Turns an errno into a HandoffError naming what was done to which path.
    static func error(_ action: String, _ path: String, _ code: Int32 = errno) -> HandoffError {
        let reason = String(cString: strerror(code))
        let message = "Could not \(action) \(path): \(reason)."
        switch code {
        case ENOENT, ENOTDIR, EISDIR, EACCES, EPERM, ENAMETOOLONG, ELOOP, EROFS:
            return .badInput(message)
        case ENOSPC, EDQUOT, EAGAIN, EINTR, EMFILE, ENFILE, ENOMEM, EBUSY:
            return .temporary(message)
        default:
            return .unavailable(message)
        }
    }

    enum Kind { case regularFile, directory, other }

    /// The kind and size of whatever is at `path` (following symlinks), or nil if nothing is.
    static func status(_ path: String) -> (kind: Kind, size: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        let kind: Kind = type == S_IFREG ? .regularFile : (type == S_IFDIR ? .directory : .other)
        return (kind, Int64(info.st_size))
    }

    /// The folder part of a path (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }
}

// Free functions, so the class below can have `read` and `close`-like methods of its own.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
private func readDescriptor(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, bytes, count) }

/// A message file written through a buffer, so many small header writes become few
/// system calls, while large blocks (encoded attachment chunks) go straight to the file.
/// It is an `AtomicFile`: nothing appears at the final path until `commit`, and a crash
/// leaves either nothing or the whole message there. Mode 0600: messages carry a client's
/// work and addresses.
final class MessageFile {
    static let bufferSize = 256 * 1024

    let path: String
    private let file: AtomicFile
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private(set) var bytesWritten: Int64 = 0

    init(finalPath: String) throws(HandoffError) {
        let folder = MailFiles.directory(of: finalPath)
        guard MailFiles.status(folder)?.kind == .directory else {
            throw .badInput("Cannot write \(finalPath): the folder \(folder) does not exist.")
        }
        do {
            file = try AtomicFile(finalPath: finalPath, mode: 0o600)
        } catch {
            throw Self.worded(error)
        }
        path = finalPath
        buffer = .allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func write(_ bytes: [UInt8]) throws(HandoffError) {
        // Array.withUnsafeBytes rethrows untyped errors, so the typed error is carried out.
        let failure: HandoffError? = bytes.withUnsafeBytes { raw in
            do throws(HandoffError) { try write(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(HandoffError) {
        guard bytes.count > 0 else { return }
        if bytes.count <= Self.bufferSize - buffered {
            UnsafeMutableRawBufferPointer(rebasing: buffer[buffered..<(buffered + bytes.count)]).copyMemory(from: bytes)
            buffered += bytes.count
        } else {
            try flush()
            if bytes.count < Self.bufferSize {
                buffer.copyMemory(from: bytes)
                buffered = bytes.count
            } else {
                try writeThrough(bytes)
            }
        }
        bytesWritten += Int64(bytes.count)
    }

    /// Syncs the file and renames it over whatever regular file is at the final path.
    /// - Parameter sync: false for a file that only lives until it is read back (a fetched
    ///   message in the inbox's staging folder, fetched again after a crash).
    func commit(sync: Bool = true) throws(HandoffError) {
        try flush()
        do {
            try file.commit(sync: sync)
        } catch {
            throw Self.worded(error)
        }
    }

    /// Syncs the file and links it at the final path only if nothing is there yet (atomic,
    /// unlike a check followed by a rename). Returns false, writing nothing, if something is.
    func commitIfAbsent() throws(HandoffError) -> Bool {
        try flush()
        do {
            return try file.commitIfAbsent(sync: true)
        } catch {
            throw Self.worded(error)
        }
    }

    func flush() throws(HandoffError) {
        guard buffered > 0 else { return }
        try writeThrough(UnsafeRawBufferPointer(rebasing: buffer[0..<buffered]))
        buffered = 0
    }

    private func writeThrough(_ bytes: UnsafeRawBufferPointer) throws(HandoffError) {
        do {
            try file.write(bytes)
        } catch {
            throw Self.worded(error)
        }
    }

    private static func worded(_ error: AtomicFileError) -> HandoffError {
        switch error.step {
        case .create: MailFiles.error("create a file in", error.path, error.code)
        case .write: MailFiles.error("write", error.path, error.code)
        case .sync: MailFiles.error("sync", error.path, error.code)
        case .close: MailFiles.error("close", error.path, error.code)
        case .rename: MailFiles.error("rename a finished message to", error.path, error.code)
        case .link: MailFiles.error("link a finished message to", error.path, error.code)
        case .notRegularFile, .exists: .badInput("Cannot write \(error.path): something other than a message file is there. Remove it or choose another folder.")
        }
    }
}

@available(*, unavailable)
extension MessageFile: Sendable {}

/// A file opened for reading in large blocks.
final class InputFile {
    let path: String
    private var fd: Int32

    /// - Parameter role: what the file is, for errors ("the attachment").
    init(path: String, role: String) throws(HandoffError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .badInput("\(role.prefix(1).uppercased() + role.dropFirst()) \(path) does not exist.") }
            throw MailFiles.error("open \(role)", path)
        }
        self.fd = fd
        self.path = path
    }

    deinit {
        _ = closeDescriptor(fd)
    }

    /// Fills `buffer` unless the file ends first; returns the number of bytes read
    /// (0 at the end). Short reads are retried so callers see whole blocks.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HandoffError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = readDescriptor(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw MailFiles.error("read", path)
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}

@available(*, unavailable)
extension InputFile: Sendable {}
