import HandoffConfig
import Foundation
import Logging
import HandoffCore
import HandoffStore

/// Turns `outbox/<project>/<name>/READY` folders into queued deliveries, and moves each
/// folder out of the way once its handoff has ended: to `.delivered/<name>-<id>/`, or to
/// `.failed/<name>-<id>/` with an `ERROR.txt` saying why and what to do.
///
/// A folder without `READY` is never touched, so one that is still being copied is safe.
/// Queuing is keyed by the folder and its marker, so scanning twice (or after a crash)
/// never queues the same folder twice.
extension Gateway {
    /// What one scan did.
    public struct OutboxScan: Sendable, Equatable {
        public var queued: [HandoffID] = []
        /// Folders whose marker or recipients were refused: moved to `.failed/`.
        public var refused: [String] = []
        public var moved: [String] = []
        /// READY folders under a name that is no project: not queued, and not moved either
        /// (they are not Handoff's until the VA puts them in a project's folder).
        public var strays: [StrayOutboxFolder] = []
    }

    /// Scans once. Async so that its store reads and writes wait without holding a thread of
    /// the cooperative pool: the watcher runs beside the workers there.
    public func scanOutbox(now: Date = Date()) async throws(HandoffError) -> OutboxScan {
        try await outboxLock.withLock { () async throws(HandoffError) in try await scanOutboxHoldingLock(now: now) }
    }

    private func scanOutboxHoldingLock(now: Date) async throws(HandoffError) -> OutboxScan {
        var scan = OutboxScan()
        let manager = FileManager.default
        let outbox = config.gateway.outboxDirectory
        for project in config.projects {
            let projectFolder = (outbox as NSString).appendingPathComponent(project.id.rawValue)
            guard let names = try? manager.contentsOfDirectory(atPath: projectFolder) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let folder = (projectFolder as NSString).appendingPathComponent(name)
                let marker = (folder as NSString).appendingPathComponent(ReadyMarker.fileName)
                guard FileSystem.isDirectory(folder), Self.markerExists(marker) else { continue }
                let key = Self.outboxKey(project: project.id, name: name, marker: marker)
                if let existing = try await store.handoff(idempotencyKey: key) {
                    if existing.status.isFinal, let moved = try await finishOutboxFolderHoldingLock(existing) { scan.moved.append(moved) }
                    continue
                }
                do throws(HandoffError) {
                    let ready = try ReadyMarker(contentsOf: marker)
                    let delivery = try deliveryRequest(
                        path: folder, project: project.id.rawValue, to: ready.to, cc: ready.cc, via: ready.via,
                        message: ready.message, request: ready.request, encrypt: ready.encrypt,
                        source: .outbox(folder: folder), idempotencyKey: key)
                    let outcome = try await deliver(delivery, now: now)
                    if case .queued(let record) = outcome { scan.queued.append(record.handoffID) }
                } catch where error.kind == .badInput || error.kind == .usage {
                    // Refused before queuing (bad marker, a recipient outside the project):
                    // nothing was stored, so the folder itself carries the explanation.
                    let target = try moveOutboxFolder(folder, to: ".failed", suffix: nil, error: error.message)
                    logger.error("outbox folder refused", metadata: ["project": "\(project.id)", "folder": "\(folder)", "error": "\(error.message)"])
                    scan.refused.append(target)
                }
            }
        }
        scan.strays = strayOutboxFolders()
        // Handoffs from the outbox that ended while their folder stayed (a crash after the
        // send, before the move): move them now.
        for record in try await store.outboxHandoffs(statuses: [.sent, .failed, .cancelled, .possiblySent, .partiallySent])
        where manager.fileExists(atPath: record.sourcePath) {
            if let moved = try await finishOutboxFolderHoldingLock(record) { scan.moved.append(moved) }
        }
        return scan
    }

    /// Whether anything is at the marker's place: a READY that is a folder or a dangling
    /// link still says "send this", so it is refused with a reason rather than ignored.
    static func markerExists(_ marker: String) -> Bool {
        var info = stat()
        return lstat(marker, &info) == 0
    }

    /// The idempotency key of an outbox folder: its place plus the marker's identity, so a
    /// later folder of the same name (a new marker) is a new delivery.
    static func outboxKey(project: ProjectID, name: String, marker: String) -> String {
        var info = stat()
        let identity = stat(marker, &info) == 0 ? "\(info.st_ino)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "0"
        return "outbox:\(project.rawValue)/\(name):\(identity)"
    }

    /// Moves an ended handoff's outbox folder; returns where it went (nil if already gone).
    @discardableResult
    public func finishOutboxFolder(_ record: HandoffRecord) async throws(HandoffError) -> String? {
        try await outboxLock.withLock { () async throws(HandoffError) in try await finishOutboxFolderHoldingLock(record) }
    }

    private func finishOutboxFolderHoldingLock(_ record: HandoffRecord) async throws(HandoffError) -> String? {
        guard record.sourceKind == .outbox, FileManager.default.fileExists(atPath: record.sourcePath) else { return nil }
        switch record.status {
        case .sent:
            return try moveOutboxFolder(record.sourcePath, to: ".delivered", suffix: record.id, error: nil)
        case .failed, .cancelled, .possiblySent, .partiallySent:
            let reason = Self.failureAdvice(record, job: try await store.job(forHandoff: record.handoffID)?.id)
            return try moveOutboxFolder(record.sourcePath, to: ".failed", suffix: record.id, error: reason)
        default:
            return nil
        }
    }

    static func failureAdvice(_ record: HandoffRecord, job: Int64?) -> String {
        let retry = "handoff queue retry \(job.map(String.init) ?? "JOB")"
        switch record.status {
        case .cancelled:
            return "Handoff \(record.id) was cancelled. To send it after all, run `\(retry)`: this folder goes back into the outbox and is sent."
        case .possiblySent:
            return "Handoff \(record.id) may have reached the client: the mail server had the whole message but its answer never came (\(record.lastError ?? "the process stopped during the send")). Check with the client before sending again."
        case .partiallySent:
            return "Handoff \(record.id) reached only some recipients. \(record.lastError ?? "")\n\nThe others did not get it. Fix their addresses, then deliver again to them alone (`handoff deliver … --to ADDRESS`)."
        default:
            return "Handoff \(record.id) failed: \(record.lastError ?? "unknown error").\n\nFix the cause, then run `\(retry)`: this folder goes back into the outbox and is sent again. To give it up: `handoff queue cancel \(job.map(String.init) ?? "JOB")`."
        }
    }

    /// Moves `folder` into `<project folder>/<bucket>/<name>[-suffix]`, never overwriting.
    func moveOutboxFolder(_ folder: String, to bucket: String, suffix: String?, error: String?) throws(HandoffError) -> String {
        let manager = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        let bucketFolder = (parent as NSString).appendingPathComponent(bucket)
        var target = (bucketFolder as NSString).appendingPathComponent(suffix.map { "\(name)-\($0)" } ?? name)
        var counter = 1
        while manager.fileExists(atPath: target) {
            counter += 1
            target = (bucketFolder as NSString).appendingPathComponent((suffix.map { "\(name)-\($0)" } ?? name) + "-\(counter)")
        }
        do {
            try manager.createDirectory(atPath: bucketFolder, withIntermediateDirectories: true)
            if let error {
                let text = error.hasSuffix("\n") ? error : error + "\n"
                // Written before the move so the folder never arrives without its reason.
                try Data(text.utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("ERROR.txt")), options: .atomic)
            }
            try manager.moveItem(atPath: folder, toPath: target)
        } catch {
            throw .unavailable("Cannot move \(folder) to \(target): \(error.localizedDescription)")
        }
        return target
    }
}
