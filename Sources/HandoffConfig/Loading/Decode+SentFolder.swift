import Foundation
import HandoffCore

extension MailSettings {
    /// Reads `sent_folder` of an SMTP transport, after `[inbox]`: its other keys keep their
    /// place in file order, while this one may depend on the inbox.
    mutating func readSentFolder(_ section: SectionReader, inbox: InboxSettings) throws(HandoffError) {
        guard case .smtp(var smtp) = transport else { return }
        smtp.sentFolder = try IMAPFolder.decode(section, login: smtp.login, smtpHost: smtp.host, trust: smtp.trust, inbox: inbox)
        transport = .smtp(smtp)
    }
}

extension IMAPFolder {
    static let urlExample = "imaps://imap.example.com:993/Sent"

    /// Where `sent_folder` lives: a full `imap://` or `imaps://` URL names its server (logged
    /// into with the SMTP account); a bare folder name is on the first IMAP mailbox's server
    /// when the inbox has one, else on `imaps://<smtp host>:993` with the SMTP account.
    static func decode(
        _ section: SectionReader, login: SMTPLogin, smtpHost: String, trust: TLSTrust, inbox: InboxSettings
    ) throws(HandoffError) -> IMAPFolder? {
        let expected = "an IMAP folder like \"Sent\" or \"\(urlExample)\""
        guard let folder = try section.line("sent_folder", expected: expected), let value = section.entry("sent_folder")?.value else {
            return nil
        }
        let lowered = folder.value.lowercased()
        if lowered.hasPrefix("imap://") || lowered.hasPrefix("imaps://") {
            let (server, mailbox) = try split(folder.value, value, in: section)
            return try onSMTPAccount(section, value, server: server, mailbox: mailbox, login: login, trust: trust)
        }
        if let imap = inbox.mailboxes.lazy.compactMap(\.imapSettings).first {
            guard let password = imap.password else {
                throw section.context.error(
                    "\(section.fullKey("sent_folder")) = \"\(folder.value)\" would be kept on the inbox's server (\(imap.host)), which is logged into with OAuth; the copy needs a password login there. Write the folder as a full URL (\"\(urlExample)\") on a server [mail] logs into with a password, or remove sent_folder.",
                    at: value.position)
            }
            let scheme = imap.tls == .implicitTLS ? "imaps" : "imap"
            return IMAPFolder(
                serverURL: "\(scheme)://\(ServerURL.bracketed(imap.host)):\(imap.port)", mailbox: folder.value,
                username: imap.username, password: password, trust: imap.trust)
        }
        return try onSMTPAccount(section, value, server: "imaps://\(ServerURL.bracketed(smtpHost)):993", mailbox: folder.value, login: login, trust: trust)
    }

    /// `imaps://host:993/Sent%20Items` → (`imaps://host:993`, `Sent Items`). The folder may
    /// hold spaces, so only the server part is parsed as a URL.
    private static func split(_ text: String, _ value: TOMLValue, in section: SectionReader) throws(HandoffError) -> (String, String) {
        let afterScheme = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        let slash = text[afterScheme...].firstIndex(of: "/") ?? text.endIndex
        let server = String(text[..<slash])
        _ = try section.serverURL(server, of: "sent_folder", value, schemes: ["imap", "imaps"], example: urlExample)
        let path = text[slash...].dropFirst()
        let mailbox = path.removingPercentEncoding ?? String(path)
        guard !mailbox.trimmingWhitespace().isEmpty else {
            throw section.invalid("sent_folder", value, "names a server but no folder; write it like \"\(urlExample)\".")
        }
        if let control = mailbox.firstControlCharacter() {
            throw section.invalid("sent_folder", value, "the folder name holds a control character (U+\(String(control.value, radix: 16, uppercase: true))) once %-decoded; IMAP commands are lines, so a folder name cannot contain one.")
        }
        return (server, mailbox)
    }

    /// The copy is kept with the SMTP account, which must be a password login: IMAP has
    /// no use for the SMTP OAuth client.
    private static func onSMTPAccount(
        _ section: SectionReader, _ value: TOMLValue, server: String, mailbox: String, login: SMTPLogin, trust: TLSTrust
    ) throws(HandoffError) -> IMAPFolder {
        guard case .password(let username, let password) = login else {
            throw section.context.error(
                "\(section.fullKey("sent_folder")) needs an IMAP login: set username and password in [mail] (OAuth logins keep the copy through an IMAP inbox, [inbox] source = \"imaps://…\").",
                at: value.position)
        }
        return IMAPFolder(serverURL: server, mailbox: mailbox, username: username, password: password, trust: trust)
    }
}

extension MailboxSetting {
    /// The IMAP settings of an IMAP mailbox; nil for a Maildir.
    var imapSettings: IMAPSettings? {
        if case .imap(let imap) = source { return imap }
        return nil
    }
}
