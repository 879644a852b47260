#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import HandoffCore

/// Opening and migrating a store under an exclusive lock that other processes respect.
///
/// GRDB checks which migrations are applied and then runs each in its own transaction, so
/// two processes opening a new store at the same moment both found it empty and the second
/// failed creating a table the first had just made; switching a new file to WAL at the
/// same moment could also fail as busy. A `flock` on a file beside the database makes
/// opening, the check and the migrations one step. It is held only while opening.
extension HandoffStore {
    static func openMigrated(path: String, configuration: Configuration) throws -> DatabasePool {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw HandoffError.config("Cannot create \(lockPath) to open the store: \(reason). Check gateway.data_dir and its permissions.")
        }
        // Closing the descriptor releases the lock, also when opening throws.
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                throw HandoffError.internal("Cannot lock \(lockPath) to open the store: \(reason).")
            }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
        return pool
    }
}
