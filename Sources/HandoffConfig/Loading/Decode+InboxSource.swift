import HandoffCore

extension InboxSourceSetting {
    /// `source`: `maildir:PATH`, `imaps://…` or `imap://…`; `defaultMaildir` when absent
    /// (nil: no default, the caller says it is required).
    static func decode(_ section: SectionReader, defaultMaildir: String?) throws(HandoffError) -> InboxSourceSetting? {
        // IDLE is an IMAP command: on a Maildir the setting would be silently ignored.
        let imapOnly: [(choice: String, keys: [String])] = [("imaps://…", ConfigSchema.inboxIMAP + ["idle"])]
        guard let source = try section.line("source", expected: MailboxSetting.sourceExample), let value = section.entry("source")?.value else {
            try section.checkChoiceKeys(choiceKey: "source", current: "maildir:…", keysByChoice: imapOnly)
            return defaultMaildir.map { .maildir(path: $0) }
        }
        if source.value.hasPrefix("maildir:") {
            try section.checkChoiceKeys(choiceKey: "source", current: "maildir:…", keysByChoice: imapOnly)
            let path = String(source.value.dropFirst("maildir:".count))
            guard !path.trimmingWhitespace().isEmpty else {
                throw section.invalid("source", value, "needs a folder after 'maildir:', like \"maildir:var/maildir\".")
            }
            return .maildir(path: section.context.absolutePath(path))
        }
        let lowered = source.value.lowercased()
        guard lowered.hasPrefix("imap://") || lowered.hasPrefix("imaps://") else {
            throw section.invalid("source", value, "is not allowed; use \(MailboxSetting.sourceExample) (imap:// means STARTTLS, which is then required).")
        }
        return .imap(try IMAPSettings.decode(section))
    }
}

extension IMAPSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> IMAPSettings {
        guard let url = try section.url("source", schemes: ["imap", "imaps"], example: "imaps://imap.example.com/INBOX") else {
            throw section.missing("source", example: "\"imaps://imap.example.com/INBOX\"")
        }
        let implicit = url.value.scheme == "imaps"
        let mailbox = url.value.decodedPathName
        return IMAPSettings(
            url: url.value.text, tls: implicit ? .implicitTLS : .startTLS, host: url.value.host,
            port: url.value.port ?? (implicit ? 993 : 143), mailbox: mailbox.isEmpty ? "INBOX" : mailbox,
            login: try IMAPLogin.decode(section), trust: try TLSTrust.decode(section))
    }
}
