#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The questions every module asks the disk, on plain path strings: paths here are
/// file-system bytes that must stay exactly as given, which URL and NSString normalisation
/// do not promise. (The mail module keeps its own errno-typed helpers for its writer.)
public enum FileSystem {
    /// Whether anything (a file, a folder, a broken symlink) is at `path`; lstat(2).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` is a folder, or a symlink to one.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` is something other than a folder that this process may read.
    public static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR && access(path, R_OK) == 0
    }

    /// Whether the file's bytes, read as UTF-8, hold `marker`; false when it can't be read.
    public static func file(_ path: String, contains marker: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self).contains(marker)
    }

    /// realpath(3): the absolute path with every symlink, `.` and `..` resolved, or nil
    /// when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    /// The text of an errno, for messages ("No such file or directory").
    public static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// fsync(2) on a file written elsewhere (and closed), before it is renamed into place.
    public static func syncFile(_ path: String) throws(HandoffError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unavailable("Cannot open \(path) to write it to disk: \(errnoText()).") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .unavailable("Cannot write \(path) to disk: \(errnoText()).") }
    }

    /// fsync(2) on a folder, so a rename or link inside it survives a power cut. Best
    /// effort: some file systems refuse to sync a directory, and the file is already flushed.
    public static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    /// Creates `folder` and its parents, like `mkdir -p`. The error is of `kind` and names
    /// the folder and, when given, what it is for and where to look.
    public static func createFolder(_ folder: String, kind: HandoffError.Kind = .unavailable, hint: String = "") throws(HandoffError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let reason = error.localizedDescription
            let sentence = reason.hasSuffix(".") ? reason : reason + "."
            throw HandoffError(kind, "Cannot create the folder \(folder): \(sentence)\(hint.isEmpty ? "" : " " + hint)")
        }
    }
}
