import HandoffConfig
import Foundation
import Logging
import HandoffCore
import HandoffStore

extension Gateway {
    /// Queues a delivery after the recipient guard has passed: nothing is stored, packaged
    /// or uploaded for a recipient outside the project.
    ///
    /// Recipients default to the project's contacts; the route to the project's `deliver`;
    /// the billed time entries to those since the previous handoff (see `billTimeEntries`).
    public func deliver(
        path: String, project projectID: String, to: [EmailAddress] = [], cc: [EmailAddress] = [],
        bcc: [EmailAddress] = [], via: DeliveryRoute? = nil, message: String? = nil, request: String? = nil,
        encrypt: Bool? = nil, source: HandoffSource? = nil, idempotencyKey: String? = nil, entries: [Int64]? = nil,
        now: Date = Date()
    ) throws(HandoffError) -> HandoffStore.QueueOutcome {
        let delivery = try deliveryRequest(
            path: path, project: projectID, to: to, cc: cc, bcc: bcc, via: via, message: message, request: request,
            encrypt: encrypt, source: source, idempotencyKey: idempotencyKey, entries: entries)
        if let request { try store.checkRequest(request, project: delivery.project) }
        return logQueued(try store.queueDelivery(delivery, maxAttempts: config.queue.retry.maxAttempts, now: now))
    }

    /// Queues a delivery checked by `deliveryRequest`, waiting for the store without holding
    /// a thread: for the outbox watcher, which runs on the cooperative pool.
    func deliver(_ delivery: DeliveryRequest, now: Date) async throws(HandoffError) -> HandoffStore.QueueOutcome {
        if let request = delivery.requestID { try await store.checkRequest(request, project: delivery.project) }
        return logQueued(try await store.queueDelivery(delivery, maxAttempts: config.queue.retry.maxAttempts, now: now))
    }

    /// The checks that need no store (the project, the recipient guard, the deliverable,
    /// encryption), and the delivery they let through.
    func deliveryRequest(
        path: String, project projectID: String, to: [EmailAddress] = [], cc: [EmailAddress] = [],
        bcc: [EmailAddress] = [], via: DeliveryRoute? = nil, message: String? = nil, request: String? = nil,
        encrypt: Bool? = nil, source: HandoffSource? = nil, idempotencyKey: String? = nil, entries: [Int64]? = nil
    ) throws(HandoffError) -> DeliveryRequest {
        let project = try project(projectID)
        let recipients = to.isEmpty ? project.contacts : to
        try RecipientGuard.check(recipients + cc + bcc, for: project)
        let absolute = Self.absolutePath(path)
        try checkDeliverable(absolute, for: project)
        let wantsEncryption = encrypt ?? project.encrypt
        if wantsEncryption && project.archive != .zip {
            throw .badInput("Project '\(project.id)' packages as \(project.archive.rawValue), which cannot be encrypted; set archive = \"zip\" in [projects.\(project.id)] or deliver without --encrypt.")
        }
        return DeliveryRequest(
            project: project.id, source: source ?? .path(absolute), to: recipients, cc: cc, bcc: bcc,
            route: via ?? project.deliver, message: message, requestID: request, encrypt: wantsEncryption,
            idempotencyKey: idempotencyKey, timeEntries: entries)
    }

    private func logQueued(_ outcome: HandoffStore.QueueOutcome) -> HandoffStore.QueueOutcome {
        if case .queued(let record) = outcome {
            logger.info("queued", metadata: ["handoff.id": "\(record.id)", "project": "\(record.projectId)", "source": "\(record.sourcePath)"])
        }
        return outcome
    }

    /// Why nothing can be found at `path`: a symlink loop is not a missing file, and
    /// saying so sends the person to the wrong fix.
    /// Why nothing can be found at `path`, in words that point at the fix: a symbolic link
    /// loop is not a missing folder.
    static func unreachableSource(_ path: String) -> HandoffError {
        var info = stat()
        guard stat(path, &info) != 0 else { return .badInput("Nothing to deliver at \(path).") }
        switch errno {
        case ELOOP:
            return .badInput("Nothing to deliver at \(path): it is a symbolic link loop (ELOOP: following its links leads back to where they started). Give the path of the real folder.")
        case ENOENT, ENOTDIR:
            return .badInput("Nothing to deliver at \(path): no such file or folder.")
        default:
            return .badInput("Nothing to deliver at \(path): \(String(cString: strerror(errno))).")
        }
    }

    static func absolutePath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        return url.standardizedFileURL.path
    }
}
