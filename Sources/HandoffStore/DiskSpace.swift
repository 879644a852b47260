#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whether the file system under a path has room left, to tell a full disk from other I/O errors.
enum DiskSpace {
    /// True when the file system holding `path`'s folder has no block left for an
    /// ordinary user (what statvfs(3) calls f_bavail).
    static func isFull(folderOf path: String) -> Bool {
        var info = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return info.f_bavail == 0
    }
}
