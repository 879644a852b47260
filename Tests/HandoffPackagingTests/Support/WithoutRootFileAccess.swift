import Foundation
import Testing

/// Runs `body` on a thread whose file-system user id is `nobody`, so file permissions
/// apply to it even when the tests run as root.
///
/// Root reads a chmod-000 file anyway (CAP_DAC_OVERRIDE). On Linux, setfsuid(2) changes the
/// file-system uid of the calling thread only, and leaving uid 0 drops those capabilities
/// from the thread too; threads it starts inherit that. The rest of the test process keeps
/// its rights. glibc declares setfsuid in a header Swift does not import, so it is looked
/// up by name.
enum WithoutRootFileAccess {
    private typealias SetFileSystemUID = @convention(c) (UInt32) -> Int32

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) throws -> T {
        let symbol = try #require(dlsym(nil, "setfsuid"), "setfsuid not found in the C library")
        let setfsuid = unsafeBitCast(symbol, to: SetFileSystemUID.self)
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            _ = setfsuid(65534)
            box.value = body()
            done.signal()
        }
        thread.start()
        done.wait()
        return try #require(box.value)
    }
}

/// Carries a value from the thread above; written before `signal`, read after `wait`.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
