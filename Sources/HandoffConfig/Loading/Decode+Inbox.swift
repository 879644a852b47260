import HandoffCore

extension InboxSettings {
    /// `[inbox]` with one `source`, or with `[[inbox.mailbox]]` tables: never both, so no
    /// setting is silently read for the wrong mailbox.
    static func decode(_ section: SectionReader, dataDirectory: String) throws(HandoffError) -> InboxSettings {
        try section.checkKeys(ConfigSchema.keys(of: "inbox"))
        let poll = try section.integer("poll_seconds", range: 10...86_400, unit: " seconds") ?? defaultPollSeconds
        let own = try ownAddresses(section)
        let perHour = try section.integer("acknowledge_per_sender_per_hour", range: 0...100, unit: " acknowledgements")
            ?? defaultAcknowledgementsPerSenderPerHour
        let first: MailboxSetting
        var more: [MailboxSetting] = []
        if section.has("mailbox") {
            try refuseMailboxKeys(section)
            let tables = try MailboxSetting.decodeTables(section, defaultPollSeconds: poll)
            first = tables.first
            more = tables.more
        } else {
            first = try MailboxSetting.decodeSingle(section, pollSeconds: poll, dataDirectory: dataDirectory)
        }
        return InboxSettings(mailbox: first, more, pollSeconds: poll, ownAddresses: own, acknowledgePerSenderPerHour: perHour)
    }

    /// `address = "pat@va.example"` or a list of them.
    private static func ownAddresses(_ section: SectionReader) throws(HandoffError) -> [EmailAddress] {
        guard let value = section.entry("address")?.value else { return [] }
        let expected = "your own address, like \"pat@va.example\", or a list of them"
        let texts: [Located<String>]
        if case .string(let text) = value.kind {
            texts = [Located(value: text, position: value.position)]
        } else {
            texts = try section.stringArray("address", expected: expected)?.value ?? []
        }
        var addresses: [EmailAddress] = []
        for text in texts {
            do {
                addresses.append(try EmailAddress(parsing: text.value))
            } catch {
                throw section.context.error("\(section.fullKey("address")): \(error.message)", at: text.position)
            }
        }
        return addresses
    }

    /// With mailbox tables, a mailbox's own settings in `[inbox]` would belong to none of them.
    private static func refuseMailboxKeys(_ section: SectionReader) throws(HandoffError) {
        let perMailbox = ["source"] + ConfigSchema.mailboxOptions + ConfigSchema.inboxIMAP
        guard let key = perMailbox.first(where: section.has), let entry = section.entry(key) else { return }
        let move = key == "source" ? "source (with its login and options)" : key
        throw section.context.error(
            "\(section.fullKey(key)) is set in [inbox], and this file also lists mailboxes in [[inbox.mailbox]] tables; use one form: move \(move) into the [[inbox.mailbox]] table it belongs to, or remove the tables.",
            at: entry.keyPosition)
    }
}
