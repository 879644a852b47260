import Foundation
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

extension SinceSetting {
    /// `since = "7d"`, `"2026-11-01"` or the TOML date `2026-11-01`.
    static func decode(_ section: SectionReader) throws(HandoffError) -> SinceSetting? {
        guard let value = section.entry("since")?.value else { return nil }
        let expected = "a number of days like \"7d\", or a day like \"2026-11-01\""
        switch value.kind {
        case .string(let text):
            let trimmed = text.trimmingWhitespace().lowercased()
            if trimmed.hasSuffix("d"), let days = Int(trimmed.dropLast()), !trimmed.hasPrefix("+") {
                guard (0...3650).contains(days) else { throw section.invalid("since", value, "is out of range; use 0d to 3650d.") }
                return .days(days)
            }
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else {
                throw section.invalid("since", value, "is not \(expected).")
            }
            guard let date = startOfDay(year, month, day) else { throw section.invalid("since", value, "is not a day of the calendar; use \(expected).") }
            return .date(date)
        case .datetime(let written):
            guard written.form == .localDate, let day = written.date else {
                throw section.invalid("since", value, "has a time of day; give the day alone, like 2026-11-01, or a number of days like \"7d\".")
            }
            guard let date = startOfDay(day.year, day.month, day.day) else { throw section.invalid("since", value, "is not a day of the calendar; use \(expected).") }
            return .date(date)
        default:
            throw section.wrongType("since", value, expected: expected)
        }
    }

    /// Midnight of that day on this machine's clock, the day a person means; nil for a day
    /// the calendar does not have (2026-02-30).
    private static func startOfDay(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        guard (1970...9999).contains(year),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day)
        else { return nil }
        return date
    }
}
