import HandoffCore
import HandoffTime

/// The receipt as CSV for spreadsheets: one row per billed entry of each handoff (a
/// handoff that billed nothing still gets one row), the handoff's facts repeated.
extension Receipt {
    public var csv: String {
        var out = CSV.row([
            "handoff", "status", "queued_at", "sent_at", "route", "to", "cc", "package", "files", "bytes", "sha256",
            "message_id", "server_reply", "link_expires", "downloads", "entry", "entry_start", "entry_end", "manual",
            "memo", "raw_hours", "billed_hours",
        ])
        for delivery in deliveries {
            let facts = [
                delivery.id, delivery.status, delivery.queuedAt, delivery.sentAt ?? "", delivery.route ?? "",
                delivery.to.joined(separator: " "), delivery.cc.joined(separator: " "), delivery.package?.fileName ?? "",
                delivery.package.map { String($0.files) } ?? "", delivery.package.map { String($0.bytes) } ?? "",
                delivery.package?.sha256 ?? "", delivery.messageID ?? "", delivery.serverReply ?? "",
                delivery.link?.expires ?? "", delivery.link.map { String($0.downloads) } ?? "",
            ]
            if delivery.entries.isEmpty {
                out += CSV.row(facts + ["", "", "", "", "", "", ""])
            }
            for entry in delivery.entries {
                out += CSV.row(facts + [
                    String(entry.id), entry.start, entry.end ?? "", entry.manual ? "yes" : "no", entry.memo ?? "",
                    Hours.decimal(entry.rawSeconds), Hours.decimal(entry.billedSeconds),
                ])
            }
        }
        return out
    }
}
