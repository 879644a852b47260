#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies one version of a file without reading it: which file it is (device and
/// inode), its size, and when its content and its inode last changed, to the nanosecond.
///
/// Size alone misses a file rewritten in place with as many bytes as before: its archive
/// entry would then mix old and new bytes under a digest of neither. The change time
/// (`st_ctim`) cannot be set back by `touch` or `utimensat`, so a writer that restores the
/// modification time is still seen.
struct FileStamp: Equatable {
    /// A `timespec`, comparable.
    struct Time: Equatable {
        var seconds: Int
        var nanoseconds: Int

        init(_ time: timespec) {
            seconds = Int(time.tv_sec)
            nanoseconds = Int(time.tv_nsec)
        }
    }

    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Time
    var changed: Time

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Time(info.st_mtim)
        changed = Time(info.st_ctim)
    }
}
