#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import HandoffCore

/// Migrating a store under an exclusive lock that other processes respect.
///
/// GRDB checks which migrations are applied and then runs each in its own transaction, so
/// two processes opening a new store at the same moment both find it empty and the second
/// fails creating a table the first just made. A `flock` on a file beside the database
/// makes the check and the migrations one step; a store that is already up to date is
/// opened without touching the lock (a read-only store stays readable).
extension HandoffStore {
    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Migrations.migrator
        if try pool.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw HandoffError.config("Cannot create \(lockPath) to set up the store: \(reason). Check gateway.data_dir and its permissions.")
        }
        // Closing the descriptor releases the lock, also when the migration throws.
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                throw HandoffError.internal("Cannot lock \(lockPath) to set up the store: \(reason).")
            }
        }
        try migrator.migrate(pool)
    }
}
