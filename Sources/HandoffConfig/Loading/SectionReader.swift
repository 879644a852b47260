import HandoffCore

/// Reads one section of the configuration (a TOML table) into typed values. Every
/// mismatch becomes an error naming the file, the line, the full key (`projects.demo.deliver`),
/// what was given and what would be valid.
struct SectionReader {
    let context: ConfigContext
    /// The section's key path, e.g. `["projects", "demo"]`; empty for the whole file.
    let path: [String]
    let table: TOMLTable
    /// Where the section starts; nil when the file does not have it (all defaults).
    let position: SourcePosition?

    /// `[gateway]`, or "the top of the file" for the root.
    var header: String { path.isEmpty ? "the top of the file" : "[\(TOMLText.keyPath(path))]" }

    func fullKey(_ key: String) -> String { TOMLText.keyPath(path + [key]) }

    func has(_ key: String) -> Bool { table.entry(key) != nil }

    func entry(_ key: String) -> TOMLTable.Entry? { table.entry(key) }

    // MARK: - Keys

    /// Refuses any key not in `allowed`, suggesting the closest valid one or the section
    /// the key belongs in.
    func checkKeys(_ allowed: [String], schemaName: String? = nil) throws(HandoffError) {
        for entry in table.entries where !allowed.contains(entry.key) {
            var message = "unknown key '\(entry.key)' in \(header)"
            let elsewhere = ConfigSchema.sections(accepting: entry.key).filter { $0 != (schemaName ?? TOMLText.keyPath(path)) }
            if !elsewhere.isEmpty {
                message += "; it belongs in " + elsewhere.map { "[\($0)]" }.joined(separator: " or ")
            } else if let suggestion = Suggestion.closest(to: entry.key, in: allowed) {
                message += "; did you mean '\(suggestion)'?"
            }
            message += (message.hasSuffix("?") ? " " : ". ") + "Valid keys in \(header): \(allowed.joined(separator: ", "))."
            throw context.error(message, at: entry.keyPosition)
        }
    }

    /// Keys that only make sense with another value of a choice (`url` with
    /// `transport = "smtp"`) are refused, so a setting is never silently ignored.
    func checkChoiceKeys(choiceKey: String, current: String, keysByChoice: [(choice: String, keys: [String])]) throws(HandoffError) {
        let allowedNow = Set(keysByChoice.filter { $0.choice == current }.flatMap(\.keys))
        for entry in table.entries where !allowedNow.contains(entry.key) {
            let users = keysByChoice.filter { $0.keys.contains(entry.key) }.map { "\(choiceKey) = \"\($0.choice)\"" }
            guard !users.isEmpty else { continue }
            throw context.error(
                "\(fullKey(entry.key)) is only used with \(users.joined(separator: " or ")), and this file has \(choiceKey) = \"\(current)\"; remove it or comment it out.",
                at: entry.keyPosition)
        }
    }

    // MARK: - Errors

    func wrongType(_ key: String, _ value: TOMLValue, expected: String, redact: Bool = false) -> HandoffError {
        context.error("\(fullKey(key)) must be \(expected), not \(Self.given(value, redact: redact)).", at: value.position)
    }

    func invalid(_ key: String, _ value: TOMLValue, _ reason: String) -> HandoffError {
        context.error("\(fullKey(key)) = \(Self.rendered(value)) \(reason)", at: value.position)
    }

    /// A required key is missing: points at the section header when there is one.
    func missing(_ key: String, example: String) -> HandoffError {
        if position != nil {
            return context.error("\(fullKey(key)) is required: add \(key) = \(example) to \(header).", at: position)
        }
        return context.error("\(fullKey(key)) is required: add a \(header) section with \(key) = \(example).", at: nil)
    }

    /// "the string \"two\"", "the integer 3", "an array"; only the kind when redacted.
    static func given(_ value: TOMLValue, redact: Bool) -> String {
        if redact { return value.kindName }
        switch value.kind {
        case .string: return "the string \(rendered(value))"
        case .integer: return "the integer \(rendered(value))"
        case .float: return "the float \(rendered(value))"
        case .bool: return "the boolean \(rendered(value))"
        case .datetime: return "the date-time \(rendered(value)) (only since, in [inbox], takes a date)"
        case .array, .table: return value.kindName
        }
    }

    /// A scalar as it would be written in the file; long strings are cut.
    static func rendered(_ value: TOMLValue) -> String {
        switch value.kind {
        case .string(let text):
            let short = text.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(57))) + "…" : text
            return TOMLText.quoted(short)
        case .integer(let number): return String(number)
        case .float(let number): return number.isNaN ? "nan" : number.isInfinite ? (number < 0 ? "-inf" : "inf") : String(number)
        case .bool(let flag): return String(flag)
        case .datetime(let datetime): return datetime.description
        case .array: return "[…]"
        case .table: return "{…}"
        }
    }
}
