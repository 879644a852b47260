import Foundation
import GRDB
import HandoffCore

/// One row of `project`: the configured project, synced at start-up.
public struct ProjectRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "project"
    public var id: String
    public var name: String
    public var settings: String
    public var updatedAt: Date
}

/// One row of `handoff`: a delivery and where it stands.
public struct HandoffRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "handoff"
    public var id: String
    public var projectId: String
    public var sourceKind: HandoffSource.Kind
    public var sourcePath: String
    /// JSON of `Recipients`.
    public var recipients: String
    /// What the VA asked for.
    public var route: DeliveryRoute
    /// What the delivery did, once its send started.
    public var decidedRoute: RoutingPolicy.Decision?
    public var message: String?
    public var requestId: String?
    public var encrypt: Bool
    public var status: HandoffStatus
    public var messageId: String?
    public var serverReply: String?
    public var linkUrl: String?
    public var lastError: String?
    public var idempotencyKey: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?

    /// The typed id.
    public var handoffID: HandoffID { HandoffID(rawValue: id) }

    public var source: HandoffSource { HandoffSource(kind: sourceKind, path: sourcePath) }

    public func decodedRecipients() throws(HandoffError) -> Recipients {
        do {
            return try JSONDecoder().decode(Recipients.self, from: Data(recipients.utf8))
        } catch {
            throw .internal("Handoff \(id) has unreadable recipients in the store: \(error)")
        }
    }
}

/// The recipients of a handoff, stored as JSON on its row.
public struct Recipients: Codable, Sendable, Equatable {
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var bcc: [EmailAddress]

    public init(to: [EmailAddress], cc: [EmailAddress] = [], bcc: [EmailAddress] = []) {
        self.to = to
        self.cc = cc
        self.bcc = bcc
    }

    public var all: [EmailAddress] { to + cc + bcc }
}

/// One row of `package`: the archive built for a handoff.
public struct PackageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "package"
    public var handoffId: String
    public var archivePath: String
    public var fileName: String
    public var format: String
    public var size: Int64
    public var sha256: String
    public var manifest: String
    public var passphrase: String?
    public var createdAt: Date

    public init(handoff: HandoffID, info: PackageInfo, at date: Date) throws(HandoffError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(info.manifest) else {
            throw .internal("Could not encode the manifest of handoff \(handoff).")
        }
        handoffId = handoff.rawValue
        archivePath = info.archivePath
        fileName = info.fileName
        format = info.format.rawValue
        size = info.size
        sha256 = info.sha256
        manifest = String(decoding: data, as: UTF8.self)
        passphrase = info.passphrase
        createdAt = date
    }

    public func packageInfo() throws(HandoffError) -> PackageInfo {
        guard let format = ArchiveFormat(rawValue: format),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(manifest.utf8))
        else {
            throw .internal("The package of handoff \(handoffId) is unreadable in the store.")
        }
        return PackageInfo(
            archivePath: archivePath, fileName: fileName, format: format, size: size, sha256: sha256,
            manifest: manifest, passphrase: passphrase)
    }
}

/// One row of `job`: a unit of work for the queue.
public struct JobRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "job"
    public var id: Int64?
    public var kind: JobKind
    public var handoffId: String?
    public var state: JobState
    public var priority: Int
    public var runAt: Date
    public var attempts: Int
    public var maxAttempts: Int
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var lastError: String?
    public var idempotencyKey: String
    public var createdAt: Date
    public var updatedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One row of `ledgerEvent`: an append-only, per-project hash-chained record.
public struct LedgerEventRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ledgerEvent"
    public var id: Int64?
    public var projectId: String
    public var seq: Int64
    public var handoffId: String?
    public var kind: String
    public var at: Date
    /// JSON object of string values, keys sorted.
    public var detail: String
    public var prevHash: String
    public var hash: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Every key of the detail as stored, for the VA's own views of the ledger.
    public func decodedDetail() -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))) ?? [:]
    }

    /// The detail as its kind's payload type.
    public var payload: LedgerEventPayload {
        LedgerEventPayload(kind: kind, fields: decodedDetail())
    }
}

extension HandoffRecord {
    /// Reads a row, refusing a status, route or source kind this version does not know
    /// (see `Row.stored`) instead of taking it for something else.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        let table = Self.databaseTableName
        projectId = try row.decode(forColumn: "projectId")
        sourceKind = try row.stored("sourceKind", table: table, row: id)
        sourcePath = try row.decode(forColumn: "sourcePath")
        recipients = try row.decode(forColumn: "recipients")
        route = try row.stored("route", table: table, row: id)
        decidedRoute = try row.storedIfPresent("decidedRoute", table: table, row: id)
        message = try row.decode(forColumn: "message")
        requestId = try row.decode(forColumn: "requestId")
        encrypt = try row.decode(forColumn: "encrypt")
        status = try row.stored("status", table: table, row: id)
        messageId = try row.decode(forColumn: "messageId")
        serverReply = try row.decode(forColumn: "serverReply")
        linkUrl = try row.decode(forColumn: "linkUrl")
        lastError = try row.decode(forColumn: "lastError")
        idempotencyKey = try row.decode(forColumn: "idempotencyKey")
        createdAt = try row.decode(forColumn: "createdAt")
        updatedAt = try row.decode(forColumn: "updatedAt")
        sentAt = try row.decode(forColumn: "sentAt")
    }
}

extension JobRecord {
    /// Reads a row, refusing a kind or state this version does not know.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        let table = Self.databaseTableName
        let rowID = id.map(String.init) ?? "?"
        kind = try row.stored("kind", table: table, row: rowID)
        handoffId = try row.decode(forColumn: "handoffId")
        state = try row.stored("state", table: table, row: rowID)
        priority = try row.decode(forColumn: "priority")
        runAt = try row.decode(forColumn: "runAt")
        attempts = try row.decode(forColumn: "attempts")
        maxAttempts = try row.decode(forColumn: "maxAttempts")
        leaseOwner = try row.decode(forColumn: "leaseOwner")
        leaseExpiresAt = try row.decode(forColumn: "leaseExpiresAt")
        lastError = try row.decode(forColumn: "lastError")
        idempotencyKey = try row.decode(forColumn: "idempotencyKey")
        createdAt = try row.decode(forColumn: "createdAt")
        updatedAt = try row.decode(forColumn: "updatedAt")
    }
}
