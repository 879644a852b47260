#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HandoffCore

/// Small POSIX file operations: the mail writer needs exclusive creation, fsync, rename and
/// no-replace links, with errors that name the path, which Foundation's file APIs hide.
enum FileSystem {
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

    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// fsync on a folder, so that a rename or link inside it survives a crash.
    static func syncDirectory(_ path: String) throws(HandoffError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error("open the folder", path) }
        defer { _ = close(fd) }
        guard fsync(fd) == 0 else { throw error("sync the folder", path) }
    }

    /// Creates `path` and its parents, like `mkdir -p`.
    static func createDirectories(_ path: String) throws(HandoffError) {
        if status(path)?.kind == .directory { return }
        let parent = directory(of: path)
        if parent != path, parent != ".", parent != "/", status(parent) == nil {
            try createDirectories(parent)
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw error("create the folder", path) }
        guard status(path)?.kind == .directory else { throw .badInput("\(path) exists and is not a folder.") }
    }

    static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return RandomToken.crockford(length: 10, using: &generator)
    }
}

// Free functions, so the classes below can have `read`, `write` and `close` methods of their own.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
private func writeDescriptor(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func readDescriptor(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, bytes, count) }

/// A file opened for writing through a buffer, so many small header writes become few
/// system calls, while large blocks (encoded attachment chunks) go straight to the file.
final class OutputFile {
    static let bufferSize = 256 * 1024

    let path: String
    private var fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private(set) var bytesWritten: Int64 = 0

    /// Creates a new file; fails if one exists (`O_EXCL`), so two writers never share one.
    /// Mode 0600: messages carry a client's work and addresses.
    init(creatingNew path: String) throws(HandoffError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystem.error("create", path) }
        self.fd = fd
        self.path = path
        self.buffer = .allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit {
        if fd >= 0 { _ = closeDescriptor(fd) }
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
                try writeAll(bytes)
            }
        }
        bytesWritten += Int64(bytes.count)
    }

    func flush() throws(HandoffError) {
        guard buffered > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<buffered]))
        buffered = 0
    }

    /// Flushes, fsyncs and closes, reporting any error (a failed close can mean lost data).
    func close() throws(HandoffError) {
        try flush()
        guard fsync(fd) == 0 else { throw FileSystem.error("sync", path) }
        let result = closeDescriptor(fd)
        fd = -1
        guard result == 0 else { throw FileSystem.error("close", path) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(HandoffError) {
        var offset = 0
        while offset < bytes.count {
            let count = writeDescriptor(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystem.error("write", path)
            }
            offset += count
        }
    }
}

@available(*, unavailable)
extension OutputFile: Sendable {}

/// A file opened for reading in large blocks.
final class InputFile {
    let path: String
    private var fd: Int32

    /// - Parameter role: what the file is, for errors ("the attachment").
    init(path: String, role: String) throws(HandoffError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .badInput("\(role.prefix(1).uppercased() + role.dropFirst()) \(path) does not exist.") }
            throw FileSystem.error("open \(role)", path)
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
                throw FileSystem.error("read", path)
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}

@available(*, unavailable)
extension InputFile: Sendable {}

/// A file written under a hidden temporary name in its final folder and moved into place
/// only when complete and synced: a crash leaves either nothing or the whole file at the
/// final path, never a part of it. Dropped without `commit`, it removes the temporary file.
final class AtomicFile {
    let finalPath: String
    let temporaryPath: String
    let output: OutputFile
    private var finished = false

    init(finalPath: String) throws(HandoffError) {
        let folder = FileSystem.directory(of: finalPath)
        guard FileSystem.status(folder)?.kind == .directory else {
            throw .badInput("Cannot write \(finalPath): the folder \(folder) does not exist.")
        }
        self.finalPath = finalPath
        let folderPrefix = finalPath.contains("/") ? (folder == "/" ? "/" : folder + "/") : ""
        self.temporaryPath = folderPrefix + "." + FileSystem.lastComponent(of: finalPath) + "." + FileSystem.randomSuffix() + ".tmp"
        self.output = try OutputFile(creatingNew: temporaryPath)
    }

    deinit {
        if !finished { _ = unlink(temporaryPath) }
    }

    /// Syncs the file and renames it over whatever is at the final path.
    func commit() throws(HandoffError) {
        try output.close()
        guard rename(temporaryPath, finalPath) == 0 else { throw FileSystem.error("rename \(temporaryPath) to", finalPath) }
        finished = true
        try FileSystem.syncDirectory(FileSystem.directory(of: finalPath))
    }

    /// Syncs the file and links it at the final path only if nothing is there yet (atomic,
    /// unlike a check followed by a rename). Returns false, writing nothing, if something is.
    func commitIfAbsent() throws(HandoffError) -> Bool {
        try output.close()
        defer {
            _ = unlink(temporaryPath)
            finished = true
        }
        guard link(temporaryPath, finalPath) == 0 else {
            if errno == EEXIST { return false }
            throw FileSystem.error("link \(temporaryPath) to", finalPath)
        }
        try FileSystem.syncDirectory(FileSystem.directory(of: finalPath))
        return true
    }
}

@available(*, unavailable)
extension AtomicFile: Sendable {}
