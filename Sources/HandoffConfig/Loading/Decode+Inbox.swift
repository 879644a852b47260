import HandoffCore

extension InboxSettings {
    static func decode(_ section: SectionReader, dataDirectory: String) throws(HandoffError) -> InboxSettings {
        try section.checkKeys(ConfigSchema.keys(of: "inbox"))
        let poll = try section.integer("poll_seconds", range: 10...86_400, unit: " seconds") ?? defaultPollSeconds
        let example = "\"maildir:var/maildir\" or \"imaps://imap.example.com/INBOX\""
        guard let source = try section.line("source", expected: example), let value = section.entry("source")?.value else {
            try section.checkChoiceKeys(choiceKey: "source", current: "maildir:…", keysByChoice: [("imaps://…", ConfigSchema.inboxIMAP)])
            return InboxSettings(source: .maildir(path: PathResolver.normalize(dataDirectory + "/maildir")), pollSeconds: poll)
        }
        if source.value.hasPrefix("maildir:") {
            try section.checkChoiceKeys(choiceKey: "source", current: "maildir:…", keysByChoice: [("imaps://…", ConfigSchema.inboxIMAP)])
            let path = String(source.value.dropFirst("maildir:".count))
            guard !path.trimmingWhitespace().isEmpty else {
                throw section.invalid("source", value, "needs a folder after 'maildir:', like \"maildir:var/maildir\".")
            }
            return InboxSettings(source: .maildir(path: section.context.absolutePath(path)), pollSeconds: poll)
        }
        let lowered = source.value.lowercased()
        guard lowered.hasPrefix("imap://") || lowered.hasPrefix("imaps://") else {
            throw section.invalid("source", value, "is not allowed; use \(example) (imap:// means STARTTLS, which is then required).")
        }
        return InboxSettings(source: .imap(try IMAPSettings.decode(section)), pollSeconds: poll)
    }
}

extension IMAPSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> IMAPSettings {
        guard let url = try section.url("source", schemes: ["imap", "imaps"], example: "imaps://imap.example.com/INBOX") else {
            throw section.missing("source", example: "\"imaps://imap.example.com/INBOX\"")
        }
        guard let username = try section.line("username")?.value else {
            throw section.missing("username", example: "\"you@example.com\"")
        }
        guard let password = try section.secret("password") else {
            throw section.missing("password", example: "\"env:HANDOFF_IMAP_PASSWORD\"")
        }
        let implicit = url.value.scheme == "imaps"
        let mailbox = url.value.decodedPathName
        return IMAPSettings(
            url: url.value.text, tls: implicit ? .implicitTLS : .startTLS, host: url.value.host,
            port: url.value.port ?? (implicit ? 993 : 143), mailbox: mailbox.isEmpty ? "INBOX" : mailbox,
            username: username, password: password, trust: try TLSTrust.decode(section))
    }
}
