import HandoffConfig
import HandoffCore
import HandoffMail
import HandoffStore

extension Gateway {
    /// What `doctor` says about a mailbox: it logged in and looked, nothing more.
    public struct MailboxStatus: Sendable {
        /// The source as configured, without credentials.
        public var source: String
        public var messages: Int
        public var uidValidity: UInt64
        public var checkpoint: MailboxCheckpoint?
    }

    public func checkMailbox(_ mailbox: MailboxSetting) async throws(HandoffError) -> MailboxStatus {
        let session = try await inboxSource(for: mailbox).open(logger: logger)
        do throws(HandoffError) {
            let count = try await session.messageCount()
            let status = MailboxStatus(
                source: mailbox.sourceDescription, messages: count, uidValidity: session.uidValidity,
                checkpoint: try await store.mailboxCheckpoint(mailbox.name))
            await session.close()
            return status
        } catch {
            await session.close()
            throw error
        }
    }
}
