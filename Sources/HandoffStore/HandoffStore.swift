import Foundation
import GRDB
import HandoffCore

/// The durable store: one SQLite file under the data folder, shared by the CLI and the
/// daemon (WAL, so readers never block the writer; a busy timeout, so two processes
/// writing at once wait instead of failing).
public final class HandoffStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// The ledger's head kept outside the database, when the store has a key to sign it.
    public let anchor: LedgerAnchor?
    private let anchorObserver: LedgerHeadObserver?
    /// Turns the store's errors into what the person at the front end reads: the store
    /// says what happened, the front end (the gateway, for the CLI) adds the way out in
    /// the commands it offers. By default, the store's own words.
    let wording: @Sendable (StoreError) -> HandoffError

    /// Opens (creating if needed) `<dataDirectory>/handoff.sqlite` and migrates it. With an
    /// `anchor`, every commit that appends ledger events moves the anchored head.
    public init(
        dataDirectory: String, anchor: LedgerAnchor? = nil, wording: @escaping @Sendable (StoreError) -> HandoffError = HandoffError.init
    ) throws(HandoffError) {
        self.wording = wording
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw .config("Cannot create the data folder \(dataDirectory): \(error.localizedDescription). Check gateway.data_dir and its permissions.")
        }
        path = (dataDirectory as NSString).appendingPathComponent("handoff.sqlite")
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "handoff"
        do {
            pool = try Self.openMigrated(path: path, configuration: configuration)
        } catch {
            throw HandoffError(Self.storeError(error, path: path, action: "open"))
        }
        self.anchor = anchor
        anchorObserver = anchor.map(LedgerHeadObserver.init(anchor:))
        if let anchor, let anchorObserver {
            pool.add(transactionObserver: anchorObserver, extent: .observerLifetime)
            try establish(anchor)
        }
    }

    /// Opens an existing store only to read it (see `ReadOnlyStore`): for commands that
    /// never write, such as `ledger verify`, on a store whose file or folder is not writable.
    /// With an `anchor`, verification checks the chains against it (nothing is written).
    public init(
        readingDataDirectory dataDirectory: String, anchor: LedgerAnchor? = nil,
        wording: @escaping @Sendable (StoreError) -> HandoffError = HandoffError.init
    ) throws(HandoffError) {
        self.wording = wording
        path = (dataDirectory as NSString).appendingPathComponent("handoff.sqlite")
        pool = try Self.openReadOnly(path: path)
        self.anchor = anchor
        anchorObserver = nil
    }

    /// Runs a write transaction (IMMEDIATE), for callers that take HandoffError.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws(HandoffError) -> T {
        do { return try pool.write(body) } catch { throw handoffError(error, action: action) }
    }

    /// Runs a read transaction: several statements see one state of the store.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws(HandoffError) -> T {
        do { return try pool.read(body) } catch { throw handoffError(error, action: action) }
    }

    /// One SELECT, outside a transaction: a single statement reads one consistent state
    /// anyway, and the transaction around it (BEGIN, the schema check, COMMIT) cost three
    /// statements more than the lookup itself. Reads of several statements use `read`.
    func lookup<T>(_ action: String, _ body: (Database) throws -> T) throws(HandoffError) -> T {
        do { return try pool.unsafeRead(body) } catch { throw handoffError(error, action: action) }
    }

    /// The async forms of `write`, `read` and `lookup`: the same transaction through GRDB's
    /// async access, so a worker waiting for the database holds no thread of the
    /// cooperative pool. The sync forms stay for the CLI and the tests.
    func write<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(HandoffError) -> T {
        do { return try await pool.write(body) } catch { throw handoffError(error, action: action) }
    }

    func read<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(HandoffError) -> T {
        do { return try await pool.read(body) } catch { throw handoffError(error, action: action) }
    }

    func lookup<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(HandoffError) -> T {
        do { return try await pool.unsafeRead(body) } catch { throw handoffError(error, action: action) }
    }

    /// Runs a write transaction (IMMEDIATE) for callers that take the store's own errors.
    func writing<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw Self.storeError(error, path: path, action: action) }
    }

    /// The same, through GRDB's async access: the transaction runs on GRDB's writer queue,
    /// and the waiting task holds no thread of the cooperative pool.
    func writing<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.write(body) } catch { throw Self.storeError(error, path: path, action: action) }
    }

    /// A HandoffError thrown inside passes through; anything else is a StoreError, worded
    /// by `wording` (until every caller takes StoreError itself).
    private func handoffError(_ error: any Error, action: String) -> HandoffError {
        if let error = error as? HandoffError { return error }
        return wording(Self.storeError(error, path: path, action: action))
    }

    /// Database errors without their statement arguments (they may hold client data).
    static func storeError(_ error: any Error, path: String, action: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy(path: path, action: action)
            case .SQLITE_FULL:
                return .diskFull(path: path, action: action)
            case .SQLITE_IOERR where DiskSpace.isFull(folderOf: path):
                // SQLite often reports a full disk as a plain I/O error (a failed WAL write).
                return .diskFull(path: path, action: action)
            case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
                return .notPermitted(path: path, action: action, detail: error.message ?? "permission denied")
            default:
                return .failed(path: path, action: action, detail: error.message ?? "\(error.resultCode)")
            }
        }
        return .failed(path: path, action: action, detail: "\(error)")
    }

    /// Records the configured projects, so handoffs and ledger events can reference them.
    public func syncProjects(_ projects: [Project], now: Date = Date()) throws(HandoffError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try write("record the configured projects") { db in
            for project in projects {
                let settings = String(decoding: try encoder.encode(project), as: UTF8.self)
                if let existing = try ProjectRecord.fetchOne(db, key: project.id.rawValue),
                   existing.settings == settings, existing.name == project.name {
                    continue
                }
                try ProjectRecord(id: project.id.rawValue, name: project.name, settings: settings, updatedAt: now).save(db)
            }
        }
    }
}
