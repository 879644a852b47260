#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import HandoffCore

/// Reading a store that this process may not write: a backup on read-only media, a
/// colleague's copy, a folder shared without write access.
///
/// An ordinary open wants to write (WAL set-up, migrations, the shared-memory file beside
/// the database) and failed with "attempt to write a readonly database". SQLite can read a
/// WAL database without writing only when its `-wal` and `-shm` files already exist, or
/// when told the file is immutable; the second is safe here because nobody without write
/// access can be changing it while we read (the first is used whenever a `-wal` exists, so
/// no committed change in it is missed).
extension HandoffStore {
    /// Whether the store under `dataDirectory` can be opened for writing by this process.
    public static func isWritable(dataDirectory: String) -> Bool {
        let file = (dataDirectory as NSString).appendingPathComponent("handoff.sqlite")
        guard FileManager.default.fileExists(atPath: file) else { return true }
        return access(dataDirectory, W_OK) == 0 && access(file, W_OK) == 0
    }

    static func openReadOnly(path: String) throws(HandoffError) -> DatabasePool {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .config("Cannot read the store \(path): it does not exist or is not readable. Check gateway.data_dir and its permissions.")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "handoff.readonly"
        let immutable = !FileManager.default.fileExists(atPath: path + "-wal")
        let location = immutable ? uri(path) + "?immutable=1" : path
        do {
            let pool = try DatabasePool(path: location, configuration: configuration)
            guard try pool.read({ db in try Migrations.migrator.hasCompletedMigrations(db) }) else {
                throw HandoffError.config(
                    "The store \(path) was made by an older Handoff and must be upgraded, which needs write access: open it with Handoff once as a user who may write to it.")
            }
            return pool
        } catch let error as HandoffError {
            throw error
        } catch {
            throw HandoffError(storeError(error, path: path, action: "open for reading"))
        }
    }

    /// `file:` URI of a path, for SQLite's URI parameters (the Debian and macOS builds of
    /// SQLite read URIs in file names).
    private static func uri(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
    }
}
