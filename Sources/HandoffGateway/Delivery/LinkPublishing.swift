import Foundation
import HandoffConfig
import HandoffCore
import HandoffLinks
import HandoffStore

extension Gateway {
    /// The publish step, for a delivery routed as a link: uploads the package to the link store and records `published` in the
    /// ledger, once per handoff. Publishing again after a crash replaces the stored copy
    /// with the same bytes; the ledger keeps the first record.
    func publishLink(row: HandoffRecord, package: PackageInfo) async throws(HandoffError) -> PublishedLink {
        let id = row.handoffID
        let expires = Date().addingTimeInterval(TimeInterval(config.links.expireDays) * 86_400)
        let archive = package.archivePath
        let fileName = package.fileName
        let links = self.links
        let link = try await runBlocking { () throws(HandoffError) in
            try links.publish(archive: archive, fileName: fileName, handoff: id, expires: expires)
        }
        if row.linkUrl == nil {
            try await store.recordPublished(id, url: link.url, expires: link.expires)
        }
        return link
    }
}
