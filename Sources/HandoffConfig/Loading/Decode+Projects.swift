import HandoffCore

extension Project {
    /// `[projects.<id>]` sections, in file order.
    static func decodeAll(_ root: SectionReader) throws(HandoffError) -> [Project] {
        let projects = try root.section("projects")
        var result: [Project] = []
        for entry in projects.table.entries {
            guard ProjectID.isValid(entry.key) else {
                throw projects.context.error(
                    "[projects.\(TOMLText.key(entry.key))]: '\(entry.key)' is not a valid project id: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit.",
                    at: entry.keyPosition)
            }
            guard case .table = entry.value.kind else {
                throw projects.context.error(
                    "\(projects.fullKey(entry.key)) must be a project section: write [projects.\(entry.key)] and its keys (name, contacts, allow, …) below it, not \(entry.value.kindName).",
                    at: entry.keyPosition)
            }
            result.append(try decode(projects.section(entry.key)))
        }
        return result
    }

    static func decode(_ section: SectionReader) throws(HandoffError) -> Project {
        try section.checkKeys(ConfigSchema.project, schemaName: "projects.<id>")
        let id = try ProjectID(section.path[section.path.count - 1])
        let name = try section.line("name")?.value ?? id.rawValue
        let contacts = try addresses(section)
        let allow = try allowRules(section)
        try checkContactsAllowed(contacts, by: allow, section)
        let deliver = try section.choice("deliver", DeliveryRoute.allCases.map { ($0.rawValue, $0) })?.value ?? .auto
        let archive = try section.choice("archive", ArchiveFormat.allCases.map { ($0.rawValue, $0) })?.value ?? .zip
        let encrypt = try section.bool("encrypt") ?? false
        if encrypt, archive != .zip, let value = section.entry("encrypt")?.value {
            throw section.context.error(
                "\(section.fullKey("encrypt")) = true needs archive = \"zip\": AES-256 encryption exists only for zip, and this project has archive = \"\(archive.rawValue)\".",
                at: value.position)
        }
        let retainer = try section.number("retainer_hours", range: 0...100_000, unit: " hours")?.value
        let rounding = try roundingMinutes(section)
        let forgotten = try section.number("forgotten_clock_hours", range: 0.5...168, unit: " hours")?.value ?? 10
        return Project(
            id: id, name: name, contacts: contacts.map(\.value), allow: allow.value, deliver: deliver, archive: archive,
            encrypt: encrypt, retainerHours: retainer, rounding: rounding, forgottenClockHours: forgotten,
            acknowledge: try section.bool("acknowledge") ?? false, acknowledgeText: try acknowledgeText(section))
    }

    /// `acknowledge_text`: one paragraph in the reply's body. Line breaks inside are
    /// allowed (a TOML multi-line string) but blank lines are not, so it stays one
    /// paragraph; control characters other than line breaks and tabs never reach a message.
    private static func acknowledgeText(_ section: SectionReader) throws(HandoffError) -> String? {
        guard let text = try section.string("acknowledge_text", expected: "one paragraph of text"), let value = section.entry("acknowledge_text")?.value else {
            return nil
        }
        let trimmed = text.value.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw section.invalid("acknowledge_text", value, "is empty; write the paragraph, or remove the line for the standard text.") }
        guard trimmed.unicodeScalars.count <= 2000 else {
            throw section.invalid("acknowledge_text", value, "is longer than 2000 characters; an acknowledgement is one short paragraph.")
        }
        let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.contains(where: { $0.trimmingWhitespace().isEmpty }) {
            throw section.invalid("acknowledge_text", value, "has a blank line; it must be one paragraph.")
        }
        if let control = trimmed.unicodeScalars.first(where: { $0.isControl && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            throw section.invalid("acknowledge_text", value, "has a control character (\(control.codePoint)); write plain text.")
        }
        return trimmed
    }

    /// `rounding_minutes = 6`, `15`, `0` or `"none"`: a number is what people write, and
    /// "none" reads better than 0 in a commented file; any other value names what is valid.
    private static func roundingMinutes(_ section: SectionReader) throws(HandoffError) -> TimeRounding {
        guard let value = section.entry("rounding_minutes")?.value else { return .none }
        switch value.kind {
        case .integer(let minutes):
            if let rounding = TimeRounding(minutes: Int(exactly: minutes)) { return rounding }
        case .string(let text) where text == "none":
            return .none
        default:
            break
        }
        throw section.invalid("rounding_minutes", value, "is not a rounding; use \"none\", 6 (tenths of an hour) or 15 (quarter hours).")
    }

    private static func addresses(_ section: SectionReader) throws(HandoffError) -> [Located<EmailAddress>] {
        guard let list = try section.stringArray("contacts", expected: "an array of email addresses, like [\"client@client.example\"]") else {
            return []
        }
        var contacts: [Located<EmailAddress>] = []
        for text in list.value {
            do {
                contacts.append(Located(value: try EmailAddress(parsing: text.value), position: text.position))
            } catch {
                throw section.context.error("\(section.fullKey("contacts")): \(error.message)", at: text.position)
            }
        }
        return contacts
    }

    /// The recipient guard's rules; required, because a project that may send to nobody
    /// cannot deliver anything and is certainly a mistake.
    private static func allowRules(_ section: SectionReader) throws(HandoffError) -> Located<[AllowRule]> {
        let expected = "an array of addresses or domains, like [\"client.example\"]"
        guard let list = try section.stringArray("allow", expected: expected) else {
            throw section.context.error(
                "\(section.fullKey("allow")) is required: without it the project can't receive anything. Add allow = [\"client.example\"] (a domain, an address, or \"*.client.example\") to \(section.header).",
                at: section.position)
        }
        guard !list.value.isEmpty else {
            throw section.context.error(
                "\(section.fullKey("allow")) is empty, so the project can't receive anything; list the client's domain or addresses, like [\"client.example\"].",
                at: list.position)
        }
        var rules: [AllowRule] = []
        for text in list.value {
            do {
                rules.append(try AllowRule(parsing: text.value))
            } catch {
                throw section.context.error("\(section.fullKey("allow")): \(error.message)", at: text.position)
            }
        }
        return Located(value: rules, position: list.position)
    }

    /// A contact outside `allow` would be refused by the recipient guard at every
    /// delivery; saying so at load time is kinder than at the first send.
    private static func checkContactsAllowed(
        _ contacts: [Located<EmailAddress>], by allow: Located<[AllowRule]>, _ section: SectionReader
    ) throws(HandoffError) {
        for contact in contacts where !allow.value.contains(where: { $0.allows(contact.value) }) {
            let rules = allow.value.map(\.description).joined(separator: ", ")
            throw section.context.error(
                "\(section.fullKey("contacts")): \(contact.value.address) is not covered by allow (\(rules)), so the recipient guard would refuse every delivery to it. Add the address or its domain to allow, or remove the contact.",
                at: contact.position)
        }
    }
}
