import HandoffConfig
import Foundation
import HandoffCore
import HandoffStore

/// One line per handoff for people, and the same facts as a Codable value for `--json`.
public struct HandoffSummary: Sendable, Codable, Equatable {
    public var id: String
    public var project: String
    public var status: String
    public var route: String?
    public var recipients: [String]
    public var package: String?
    public var files: Int?
    public var size: Int64?
    public var sha256: String?
    public var messageId: String?
    public var serverReply: String?
    public var link: String?
    public var error: String?
    public var createdAt: Date
    public var sentAt: Date?
    /// When the next attempt runs, for a delivery waiting to be retried.
    public var retryAt: Date?

    public init(record: HandoffRecord, package: PackageRecord?, job: JobRecord? = nil) {
        id = record.id
        project = record.projectId
        status = record.status.rawValue
        route = record.decidedRoute?.rawValue
        recipients = ((try? record.decodedRecipients())?.all ?? []).map(\.address)
        self.package = package?.fileName
        files = (try? package?.packageInfo())?.manifest.fileCount
        size = package?.size
        sha256 = package?.sha256
        messageId = record.messageId
        serverReply = record.serverReply
        link = record.linkUrl
        error = record.lastError
        createdAt = record.createdAt
        sentAt = record.sentAt
        if let job, job.state == .queued, !record.status.isFinal, job.attempts > 0 {
            retryAt = job.runAt
        }
    }

    /// `H-7K2M9QXA4D demo sent email welcome-pack.zip 3 files 12.4 KiB sha256:1f2e3d4c… → client@demo.example`
    public var line: String {
        var parts = [id, project, status]
        if let route { parts.append("via \(route)") }
        if let package { parts.append(package) }
        if let files { parts.append("\(files) file\(files == 1 ? "" : "s")") }
        if let size { parts.append(ByteCount.format(size)) }
        if let sha256 { parts.append("sha256:\(sha256.prefix(12))…") }
        parts.append("→ " + recipients.joined(separator: ", "))
        if status == HandoffStatus.sent.rawValue, let serverReply { parts.append("(\(serverReply))") }
        if status == HandoffStatus.sent.rawValue, route == RoutingPolicy.Decision.link.rawValue, let link { parts.append("link \(link)") }
        if let retryAt {
            parts.append("— will try again at \(ISO8601DateFormatter().string(from: retryAt))\(error.map { ": \($0)" } ?? "")")
        } else if let error, status != HandoffStatus.sent.rawValue {
            parts.append("— \(error)")
        }
        return parts.joined(separator: "  ")
    }
}

extension Gateway {
    public func summary(of id: HandoffID) throws(HandoffError) -> HandoffSummary? {
        guard let record = try store.handoff(id) else { return nil }
        return HandoffSummary(record: record, package: try store.package(for: id), job: try store.job(forHandoff: id))
    }
}
