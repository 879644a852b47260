import HandoffCore

extension MailboxSetting {
    static let sourceExample = "\"maildir:var/maildir\" or \"imaps://imap.example.com/INBOX\""

    /// The one mailbox of `[inbox] source = …`, named "inbox"; without a source, the Maildir
    /// under the data folder.
    static func decodeSingle(_ section: SectionReader, pollSeconds: Int, dataDirectory: String) throws(HandoffError) -> MailboxSetting {
        let fallback = PathResolver.normalize(dataDirectory + "/maildir")
        let source = try InboxSourceSetting.decode(section, defaultMaildir: fallback) ?? .maildir(path: fallback)
        return try decodeOptions(section, name: singleName, source: source, pollSeconds: pollSeconds)
    }

    /// `[[inbox.mailbox]]`: at least one, each named, no name twice.
    static func decodeTables(_ inbox: SectionReader, defaultPollSeconds: Int) throws(HandoffError) -> (first: MailboxSetting, more: [MailboxSetting]) {
        guard let entry = inbox.entry("mailbox") else { throw .internal("decodeTables without mailbox tables") }
        guard case .array(let elements) = entry.value.kind, elements.allSatisfy({ $0.tableValue != nil }) else {
            throw inbox.context.error(
                "inbox.mailbox must be one or more mailbox tables: write [[inbox.mailbox]] (two brackets) above each mailbox's name, source and login, not \(entry.value.kindName).",
                at: entry.keyPosition)
        }
        var mailboxes: [MailboxSetting] = []
        var seen: [String: SourcePosition] = [:]
        for element in elements {
            let section = SectionReader(context: inbox.context, path: ["inbox", "mailbox"], table: element.tableValue ?? TOMLTable(), position: element.position)
            try section.checkKeys(ConfigSchema.mailbox, schemaName: "inbox.mailbox")
            let name = try mailboxName(section)
            if let earlier = seen[name.value] {
                throw section.context.error(
                    "inbox.mailbox.name = \"\(name.value)\" is used twice (first on line \(earlier.line)); each mailbox needs its own name, which keys what was already read from it.",
                    at: name.position)
            }
            seen[name.value] = name.position
            guard let source = try InboxSourceSetting.decode(section, defaultMaildir: nil) else {
                throw section.missing("source", example: sourceExample)
            }
            let poll = try section.integer("poll_seconds", range: 10...86_400, unit: " seconds") ?? defaultPollSeconds
            let mailbox = try decodeOptions(section, name: name.value, source: source, pollSeconds: poll)
            if let twin = mailboxes.first(where: { $0.sourceIdentity == mailbox.sourceIdentity }), let value = section.entry("source")?.value {
                throw section.invalid("source", value, "is also the source of mailbox '\(twin.name)'; list each mailbox once.")
            }
            mailboxes.append(mailbox)
        }
        guard let first = mailboxes.first else {
            throw inbox.context.error(
                "inbox.mailbox is an empty list; add a [[inbox.mailbox]] table with name and source, or remove the key for the default Maildir.",
                at: entry.keyPosition)
        }
        return (first, Array(mailboxes.dropFirst()))
    }

    /// `[a-z0-9_-]{1,40}`: the name keys the mailbox's checkpoint and shows in logs.
    private static func mailboxName(_ section: SectionReader) throws(HandoffError) -> Located<String> {
        guard let name = try section.line("name", expected: "a mailbox name like \"work\""), let value = section.entry("name")?.value else {
            throw section.missing("name", example: "\"work\" (lower-case letters, digits, '-' or '_')")
        }
        let allowed = name.value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        guard allowed, (1...40).contains(name.value.unicodeScalars.count) else {
            throw section.invalid("name", value, "is not a mailbox name; use 1-40 lower-case letters, digits, '-' or '_', like \"work\".")
        }
        return name
    }

    /// The settings every mailbox has, whichever form named it.
    private static func decodeOptions(
        _ section: SectionReader, name: String, source: InboxSourceSetting, pollSeconds: Int
    ) throws(HandoffError) -> MailboxSetting {
        MailboxSetting(
            name: name, source: source, pollSeconds: pollSeconds, since: try SinceSetting.decode(section) ?? .defaultValue,
            processedFolder: try processedFolder(section, source: source),
            maxMessageMB: try section.integer("max_message_mb", range: 1...1024, unit: " (megabytes)") ?? defaultMaxMessageMB,
            idle: try section.bool("idle") ?? true)
    }
}

extension MailboxSetting {
    /// `processed_folder`: another folder than the one read, or every poll would move the
    /// mail back into the mailbox it reads.
    private static func processedFolder(_ section: SectionReader, source: InboxSourceSetting) throws(HandoffError) -> String? {
        guard let folder = try section.line("processed_folder", expected: "an IMAP folder like \"Handled\""), let value = section.entry("processed_folder")?.value else {
            return nil
        }
        // INBOX is case-insensitive in IMAP (RFC 3501 5.1); other names are the server's business.
        if case .imap(let imap) = source, folder.value == imap.mailbox || (folder.value.uppercased() == "INBOX" && imap.mailbox.uppercased() == "INBOX") {
            throw section.invalid("processed_folder", value, "is the folder this mailbox reads; name another folder, like \"Handled\", or remove the line to only mark mail as read.")
        }
        return folder.value
    }

    /// What makes two mailboxes the same: the folder on disk, or the folder of one account
    /// on one server. Read twice, each message would be looked at twice under two names.
    var sourceIdentity: String {
        switch source {
        case .maildir(let path): "maildir:" + path
        case .imap(let imap): "imap:\(imap.username.lowercased())@\(imap.host.lowercased()):\(imap.port)/\(imap.mailbox)"
        }
    }
}
