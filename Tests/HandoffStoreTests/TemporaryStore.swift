import Foundation
import HandoffCore
import HandoffTestSupport
@testable import HandoffStore

/// A store in a fresh temporary folder, removed when the test is done.
final class TemporaryStore {
    let folder: String
    let store: HandoffStore
    let project: Project

    init() throws {
        let folder = try TemporaryFolder.create()
        let project = Project(
            id: try ProjectID("acme"), name: "Acme", contacts: [try EmailAddress(parsing: "client@acme.test")],
            allow: [try AllowRule(parsing: "acme.test")])
        let store = try HandoffStore(dataDirectory: folder)
        try store.syncProjects([project])
        self.folder = folder
        self.project = project
        self.store = store
    }

    deinit {
        TemporaryFolder.remove(folder)
    }

    func request(key: String? = nil) throws -> DeliveryRequest {
        DeliveryRequest(
            project: project.id, source: .path("/srv/work/report"), to: project.contacts, route: .email,
            idempotencyKey: key)
    }
}
