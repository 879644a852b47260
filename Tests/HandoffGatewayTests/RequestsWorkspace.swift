import Foundation
import HandoffCore
import HandoffGateway
import HandoffStore

/// A workspace with two projects and two requests as the inbox would leave them: R-1 for
/// acme with a photo, R-2 unmatched with a brief, each file in its request's folder.
final class RequestsWorkspace {
    let workspace: Workspace
    let gateway: Gateway

    init() async throws {
        workspace = try Workspace(project: """

            [projects.bravo]
            name = "Bravo Builders"
            contacts = ["bo@bravo.test"]
            allow = ["bravo.test"]
            """)
        gateway = try workspace.gateway()
        let received = Date(timeIntervalSince1970: 1_790_000_000)
        try await store(
            number: 1, project: try ProjectID("acme"), from: "dana@acme.test", subject: "Listing photos", file: "photo.jpg",
            original: "Photo 1.jpg", received: received)
        try await store(number: 2, project: nil, from: "who@elsewhere.test", subject: "A brief", file: "brief.pdf", original: nil,
                        received: received.addingTimeInterval(60))
    }

    var configPath: String { workspace.configPath }
    var dataFolder: String { workspace.root + "/var" }

    func store(number: Int, project: ProjectID?, from: String, subject: String, file: String, original: String?, received: Date) async throws {
        let id = try await gateway.store.reserveRequestID()
        let folder = dataFolder + "/" + (RequestFolders.relative(project: project, request: id.rawValue) ?? "")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("file \(number)".utf8).write(to: URL(fileURLWithPath: folder + "/" + file))
        let attachment = IncomingAttachment(
            savedName: file, originalName: original, contentType: "application/octet-stream", size: 6, sha256: String(repeating: "\(number)", count: 64),
            inline: false)
        let message = IncomingMessage(
            mailbox: "inbox", uidValidity: 1, key: String(number), uid: UInt32(number), messageID: "m\(number)@client.test",
            sha256: "raw\(number)", size: 300, from: from, fromName: "Client \(number)", subject: subject, receivedAt: received,
            text: "Text of request \(number).", attachments: [attachment])
        _ = try await gateway.store.recordInbound(message, placement: .newRequest(id, project: project), checkpoint: nil)
    }
}
