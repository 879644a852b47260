#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small path and errno helpers on plain strings: paths here are file-system bytes that
/// must stay exactly as given, which URL and NSString normalisation do not promise.
enum Paths {
    /// The folder and the last component of `path` (`"."` when there is no folder part).
    static func split(_ path: String) -> (folder: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let folder = trimmed[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(trimmed[trimmed.index(after: slash)...]))
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// realpath(3): the absolute path with every symlink, `.` and `..` resolved, or nil.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    /// Whether `path` is `folder` itself or lies below it (both already resolved).
    static func isSame(_ path: String, orInside folder: String) -> Bool {
        if path == folder { return true }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.utf8.starts(with: prefix.utf8)
    }

    /// The text of the current errno, for messages ("No such file or directory").
    static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    /// fsync(2) on a folder, so a rename inside it survives a power cut. Best effort: some
    /// file systems refuse to sync a directory, and the archive itself is already flushed.
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }
}

extension Paths {
    /// Whether anything (a file, a folder, a broken symlink) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
