#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import HandoffCore
import Logging

/// An open Maildir: lists new/ and cur/, copies messages out, and moves them to cur/ with
/// the `S` (seen) flag once processed. Never deletes; tmp/ (deliveries under way) is never read.
final class MaildirInboxSession: InboxSession {
    let name: String
    let path: String
    let uidValidity: UInt64 = 0
    let canIdle = false
    private let logger: Logger
    /// Where each key's file was last seen, relative to the Maildir (`new/x`, `cur/x:2,S`).
    private var located: [String: String] = [:]

    init(name: String, path: String, logger: Logger) {
        self.name = name
        self.path = path
        self.logger = logger
    }

    private struct Entry {
        var key: String
        var relativePath: String
        var size: Int64
        var modified: Date
    }

    func messageCount() async throws(HandoffError) -> Int {
        try scan().count
    }

    func pending(afterUID: UInt32, since: Date?) async throws(HandoffError) -> [InboxMessageRef] {
        try scan()
            .filter { entry in since.map { entry.modified >= $0 } ?? true }
            .sorted { ($0.modified, $0.key) < ($1.modified, $1.key) }
            .map { InboxMessageRef(uid: 0, key: $0.key, size: $0.size) }
    }

    func fetch(_ refs: [InboxMessageRef], into folder: String, maxBytes: Int64) async throws(HandoffError) -> [FetchedInboxMessage] {
        var fetched: [FetchedInboxMessage] = []
        for ref in refs {
            let target = folder + "/" + InboxFiles.fileName(for: ref.key)
            let complete = try copy(ref, to: target, maxBytes: maxBytes)
            fetched.append(FetchedInboxMessage(ref: ref, file: target, complete: complete))
        }
        return fetched
    }

    func markProcessed(_ refs: [InboxMessageRef], moveTo folder: String?) async throws(HandoffError) {
        for ref in refs {
            guard let current = try locate(ref.key) else {
                // Someone else moved or removed it since: nothing of ours to flag.
                logger.warning("a processed Maildir message is gone", metadata: ["inbox.mailbox": "\(name)", "inbox.key": "\(ref.key)"])
                continue
            }
            let fileName = String(current.split(separator: "/", maxSplits: 1).last ?? "")
            let target = "cur/" + MaildirName.seen(fileName)
            guard target != current else { continue }
            // rename(2): the message is in new/ or in cur/, never in both nor in neither.
            guard rename(path + "/" + current, path + "/" + target) == 0 else {
                throw .unavailable("Cannot mark \(path)/\(current) as read (rename to \(target)): \(FileSystem.errnoText()).")
            }
            located[ref.key] = target
        }
    }

    func waitForNews(upTo seconds: Double) async throws(HandoffError) -> Bool {
        false
    }

    func close() async {}

    // MARK: - Files

    private func scan() throws(HandoffError) -> [Entry] {
        var entries: [Entry] = []
        located = [:]
        for sub in ["new", "cur"] {
            let folder = path + "/" + sub
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw .unavailable("Cannot list the Maildir folder \(folder) of the inbox \(name): \(error.localizedDescription)")
            }
            for fileName in names where MaildirName.isMessage(fileName) {
                var info = stat()
                guard stat(folder + "/" + fileName, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let key = MaildirName(fileName).unique
                let relative = sub + "/" + fileName
                located[key] = relative
                let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
                entries.append(Entry(key: key, relativePath: relative, size: Int64(info.st_size), modified: modified))
            }
        }
        return entries
    }

    /// The file holding `key` now: where it was last seen, else after a fresh scan.
    private func locate(_ key: String) throws(HandoffError) -> String? {
        if let known = located[key], FileSystem.exists(path + "/" + known) { return known }
        _ = try scan()
        return located[key]
    }

    /// Hard-links the message into place (a copy where the folders are on two file systems),
    /// or copies its header alone when it is larger than `maxBytes`. Returns whether whole.
    private func copy(_ ref: InboxMessageRef, to target: String, maxBytes: Int64) throws(HandoffError) -> Bool {
        guard let current = try locate(ref.key) else {
            throw .unavailable("The message \(ref.key) is no longer in the Maildir \(path) (moved or removed by another program); it is fetched again on the next poll if it reappears.")
        }
        let source = path + "/" + current
        let size = MailFiles.status(source)?.size ?? ref.size
        if size > maxBytes {
            try InboxFiles.writeHeader(of: source, to: target)
            return false
        }
        unlink(target)
        if link(source, target) == 0 { return true }
        try InboxFiles.copy(source, to: target)
        return true
    }
}
