import Foundation
import HandoffCore
import Logging

/// A Maildir any MDA or mail client delivers into (`maildir:PATH`).
public struct MaildirInboxSource: InboxSource {
    public let name: String
    public let path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// Checks that the Maildir is there; a missing one is a setting to fix, never created
    /// here (a typo would otherwise become an empty inbox that is polled forever).
    public func open(logger: Logger) async throws(HandoffError) -> any InboxSession {
        for sub in ["new", "cur"] where !FileSystem.isDirectory(path + "/" + sub) {
            throw .config("The inbox \(name) is the Maildir \(path), but \(path)/\(sub) is not a folder. Check the path in [inbox], or create the Maildir (new/, cur/, tmp/).")
        }
        return MaildirInboxSession(name: name, path: path, logger: logger)
    }
}
