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
    /// `outbox` or `path`.
    public var sourceKind: String
    public var sourcePath: String
    /// JSON of `Recipients`.
    public var recipients: String
    public var route: String
    public var decidedRoute: String?
    public var message: String?
    public var requestId: String?
    public var encrypt: Bool
    public var status: String
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

    public var handoffStatus: HandoffStatus { HandoffStatus(rawValue: status) ?? .failed }

    public var source: HandoffSource {
        sourceKind == "outbox" ? .outbox(folder: sourcePath) : .path(sourcePath)
    }

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
    public var kind: String
    public var handoffId: String?
    public var state: String
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

    public var jobState: JobState { JobState(rawValue: state) ?? .failed }
    public var jobKind: JobKind? { JobKind(rawValue: kind) }

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
