import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail

extension Gateway {
    /// The source a configured mailbox reads from.
    ///
    /// The embedded default, a Maildir inside the data folder, is made on first use, as the
    /// store is: a fresh install has an empty inbox, not an error. A Maildir anywhere else
    /// is someone's mail folder and must exist (a typo would otherwise be polled forever).
    func inboxSource(for mailbox: MailboxSetting) throws(HandoffError) -> any InboxSource {
        switch mailbox.source {
        case .maildir(let path):
            if Paths.isSame(path, orInside: config.gateway.dataDirectory), !FileSystem.isDirectory(path + "/new") {
                for sub in ["new", "cur", "tmp"] {
                    do {
                        try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true)
                    } catch {
                        throw .unavailable("Cannot create the Maildir \(path): \(error.localizedDescription)")
                    }
                }
            }
            return MaildirInboxSource(name: mailbox.name, path: path)
        case .imap(let settings):
            let login: IMAPAccount.Login = switch settings.login {
            case .password(let username, let password): .password(username: username, password: password)
            case .bearer(let username, let token): .bearer(username: username, token: token)
            case .oauth(let username, let client): .oauth(username: username, client: client)
            }
            return IMAPInboxSource(
                name: mailbox.name,
                account: IMAPAccount(host: settings.host, port: settings.port, tls: settings.tls, mailbox: settings.mailbox, login: login, trust: settings.trust))
        }
    }
}

extension MailboxSetting {
    /// The source without credentials, for `doctor` and logs.
    var sourceDescription: String {
        switch source {
        case .maildir(let path): "maildir:\(path)"
        case .imap(let settings): "\(settings.tls == .implicitTLS ? "imaps" : "imap")://\(settings.host):\(settings.port)/\(settings.mailbox) as \(settings.username)"
        }
    }
}
