import Foundation
import HandoffCore
import HandoffStore

/// `handoff queue retry`: a failed, dead or cancelled job goes back in the queue, and an
/// outbox folder that was moved to `.failed/` goes back to where it was queued from.
///
/// The folder is needed when the handoff failed before it was packaged (the retry reads
/// it), and wanted in every case: once the retry sends it, it moves to `.delivered/` like
/// any other, instead of a delivered folder sitting under `.failed/` with an old error.
/// The store is updated first, so a running daemon that sees the folder reappear finds
/// its handoff queued again and leaves it alone (its READY file is the one queued).
extension Gateway {
    public struct RetryOutcome: Sendable {
        public var job: JobRecord
        /// Where the outbox folder was put back, if it was moved.
        public var restoredFolder: String?
        /// Why the folder could not be put back, if it could not (the job is queued anyway).
        public var restoreProblem: String?
    }

    public func retry(job id: Int64) throws(HandoffError) -> RetryOutcome {
        if let handoff = try store.job(id)?.handoffId, let record = try store.handoff(HandoffID(rawValue: handoff)) {
            try refuseOtherFolder(at: record, job: id)
        }
        let job: JobRecord
        do throws(StoreError) { job = try store.retryJob(id) } catch { throw HandoffError(worded: error) }
        var outcome = RetryOutcome(job: job)
        guard let handoff = job.handoffId, let record = try store.handoff(HandoffID(rawValue: handoff)),
              record.sourceKind == .outbox
        else { return outcome }
        do throws(HandoffError) {
            outcome.restoredFolder = try restoreOutboxFolder(record)
        } catch {
            outcome.restoreProblem = error.message
        }
        return outcome
    }

    /// Refuses, before the job is queued again, when the handoff's outbox place holds a
    /// folder other than the one it was queued from: a new folder of the same name, maybe
    /// still being copied, would go out under the old handoff without anyone's READY.
    /// The folder's identity is its READY's, as in the key the scan queued it with.
    func refuseOtherFolder(at record: HandoffRecord, job: Int64) throws(HandoffError) {
        guard record.sourceKind == .outbox, Self.markerExists(record.sourcePath) else { return }
        let source = record.sourcePath
        let name = (source as NSString).lastPathComponent
        let marker = (source as NSString).appendingPathComponent(ReadyMarker.fileName)
        guard Self.outboxKey(project: try ProjectID(record.projectId), name: name, marker: marker) != record.idempotencyKey else { return }
        let original = failedFolder(of: record).map { "the failed one is at \($0)" } ?? "the failed one is no longer there"
        throw .badInput(
            "Job \(job) was not queued again: \(source) is a different folder from the one handoff \(record.id) was queued from (\(original)). Sending it would send a folder nobody marked READY under the old handoff. Let the new folder be delivered or rename it, then run `handoff queue retry \(job)` again.")
    }

    /// Moves `.failed/<name>-<id>[-n]` back to the handoff's outbox path, without the
    /// `ERROR.txt` it got there. Nil when the folder is already in place or not found.
    func restoreOutboxFolder(_ record: HandoffRecord) throws(HandoffError) -> String? {
        let manager = FileManager.default
        let source = record.sourcePath
        if manager.fileExists(atPath: source) { return nil }
        guard let moved = failedFolder(of: record) else { return nil }
        do {
            try manager.moveItem(atPath: moved, toPath: source)
        } catch {
            throw .unavailable("The job is queued again, but \(moved) could not be moved back to \(source): \(error.localizedDescription). Move it there yourself before the job runs.")
        }
        try? manager.removeItem(atPath: (source as NSString).appendingPathComponent("ERROR.txt"))
        return source
    }

    /// Where `finishOutboxFolder` put an outbox handoff's folder under `.failed/`, if it
    /// is there (`<name>-<id>`, or `<name>-<id>-2`... when that name was taken).
    func failedFolder(of record: HandoffRecord) -> String? {
        guard record.sourceKind == .outbox else { return nil }
        let source = record.sourcePath
        let failed = ((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".failed")
        let stem = "\((source as NSString).lastPathComponent)-\(record.id)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: failed)) ?? []
        return names.filter { $0 == stem || $0.hasPrefix(stem + "-") }.sorted().first
            .map { (failed as NSString).appendingPathComponent($0) }
    }
}
