#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandoffCore

/// One poll of a mailbox at a time, across processes (`handoff run` and a `handoff inbox
/// poll --once` started beside it): two would fetch the same mail into the same staging
/// folder. A `flock` on a file in the mailbox's folder, released when this is dropped (or
/// when the process ends, however it ends).
final class MailboxPollLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Takes the lock at `path`, or fails at once naming the mailbox when another poll
    /// holds it.
    static func acquire(_ path: String, mailbox: String) throws(HandoffError) -> MailboxPollLock {
        try FileSystem.createFolder(Paths.split(path).folder, hint: "Check that the data folder is writable.")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unavailable("Cannot create \(path) to poll the mailbox \(mailbox): \(FileSystem.errnoText()).")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let busy = errno == EWOULDBLOCK
            let reason = FileSystem.errnoText()
            close(descriptor)
            throw busy
                ? .temporary("The mailbox \(mailbox) is being read by another Handoff process (handoff run, or another inbox poll); this poll was skipped.")
                : .unavailable("Cannot lock \(path) to poll the mailbox \(mailbox): \(reason).")
        }
        return MailboxPollLock(descriptor: descriptor)
    }
}
