import HandoffCore

/// Typed getters: each returns nil when the key is absent (the caller applies the
/// default) and throws when it is present but unusable.
extension SectionReader {
    func string(_ key: String, expected: String = "a string") throws(HandoffError) -> Located<String>? {
        guard let value = entry(key)?.value else { return nil }
        guard case .string(let text) = value.kind else { throw wrongType(key, value, expected: expected) }
        return Located(value: text, position: value.position)
    }

    /// A string that is not empty and holds no line break (names, hosts, folders).
    func line(_ key: String, expected: String = "a string") throws(HandoffError) -> Located<String>? {
        guard let located = try string(key, expected: expected), let value = entry(key)?.value else { return nil }
        guard !located.value.trimmingWhitespace().isEmpty else { throw invalid(key, value, "is empty; give \(expected), or remove the line.") }
        // By scalar: "\r\n" is a single Character that equals neither "\r" nor "\n".
        if let control = located.value.firstControlCharacter(allowingTab: true) {
            if control == "\n" || control == "\r" { throw invalid(key, value, "has a line break; it must be one line.") }
            throw invalid(key, value, "has a control character (\(control.codePoint)); it must be plain text on one line.")
        }
        return located
    }

    func integer(_ key: String, range: ClosedRange<Int>, unit: String = "") throws(HandoffError) -> Int? {
        guard let value = entry(key)?.value else { return nil }
        let described = "a whole number from \(range.lowerBound) to \(range.upperBound)\(unit)"
        guard case .integer(let number) = value.kind else { throw wrongType(key, value, expected: described) }
        guard number >= Int64(range.lowerBound), number <= Int64(range.upperBound) else {
            throw invalid(key, value, "is out of range; use \(described).")
        }
        return Int(number)
    }

    /// An integer or a float within `range` (written `20` or `7.5`).
    func number(_ key: String, range: ClosedRange<Double>, unit: String = "") throws(HandoffError) -> Located<Double>? {
        guard let value = entry(key)?.value else { return nil }
        let described = "a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))\(unit)"
        let number: Double
        switch value.kind {
        case .integer(let integer): number = Double(integer)
        case .float(let float): number = float
        default: throw wrongType(key, value, expected: described)
        }
        guard range.contains(number) else { throw invalid(key, value, "is out of range; use \(described).") }
        return Located(value: number, position: value.position)
    }

    func bool(_ key: String) throws(HandoffError) -> Bool? {
        guard let value = entry(key)?.value else { return nil }
        guard case .bool(let flag) = value.kind else { throw wrongType(key, value, expected: "true or false") }
        return flag
    }

    /// One of a fixed set of words, e.g. `deliver = "auto"`.
    func choice<Choice>(_ key: String, _ options: [(name: String, value: Choice)]) throws(HandoffError) -> Located<Choice>? {
        let names = options.map(\.name)
        let allowed = names.map { "\"\($0)\"" }.joined(separator: ", ")
        guard let located = try string(key, expected: "one of \(allowed)"), let value = entry(key)?.value else { return nil }
        if let match = options.first(where: { $0.name == located.value }) {
            return Located(value: match.value, position: located.position)
        }
        var reason = "is not allowed;"
        if let suggestion = Suggestion.closest(to: located.value, in: names) { reason += " did you mean \"\(suggestion)\"?" }
        throw invalid(key, value, "\(reason) allowed: \(names.joined(separator: ", ")).")
    }

    /// An array whose elements are all strings, each with its position.
    func stringArray(_ key: String, expected: String) throws(HandoffError) -> Located<[Located<String>]>? {
        guard let value = entry(key)?.value else { return nil }
        guard case .array(let elements) = value.kind else { throw wrongType(key, value, expected: expected) }
        var strings: [Located<String>] = []
        for element in elements {
            guard case .string(let text) = element.kind else {
                throw context.error("\(fullKey(key)) must be \(expected), but one element is \(Self.given(element, redact: false)).", at: element.position)
            }
            strings.append(Located(value: text, position: element.position))
        }
        return Located(value: strings, position: value.position)
    }

    /// A secret reference (`env:NAME` or `file:PATH`), resolved. The value is never shown,
    /// not even when it has the wrong type.
    func secret(_ key: String) throws(HandoffError) -> Secret? {
        guard let value = entry(key)?.value else { return nil }
        guard case .string(let reference) = value.kind else {
            throw wrongType(key, value, expected: "a reference like \"env:NAME\" or \"file:PATH\"", redact: true)
        }
        return try context.resolveSecret(reference, key: fullKey(key), at: value.position)
    }

    /// A path, made absolute against the root folder.
    func path(_ key: String) throws(HandoffError) -> Located<String>? {
        guard let located = try line(key, expected: "a path") else { return nil }
        return Located(value: context.absolutePath(located.value), position: located.position)
    }

    /// A path to a file that must already exist (a CA bundle, a key file).
    func existingFile(_ key: String) throws(HandoffError) -> String? {
        guard let located = try path(key), let value = entry(key)?.value else { return nil }
        guard FileSystem.isReadableFile(located.value) else {
            throw invalid(key, value, "names \(located.value), which is not a readable file.")
        }
        return located.value
    }

    /// A URL with one of `schemes`, checked for what the settings need.
    func url(_ key: String, schemes: [String], example: String) throws(HandoffError) -> Located<ServerURL>? {
        guard let located = try line(key, expected: "a URL like \"\(example)\""), let value = entry(key)?.value else { return nil }
        return Located(value: try serverURL(located.value, of: key, value, schemes: schemes, example: example), position: located.position)
    }

    /// `text`, all or the start of `key`'s value, parsed as a server URL with one of
    /// `schemes`; problems point at the value.
    func serverURL(_ text: String, of key: String, _ value: TOMLValue, schemes: [String], example: String) throws(HandoffError) -> ServerURL {
        let url: ServerURL
        do {
            url = try ServerURL(parsing: text)
        } catch {
            switch error {
            case .credentials:
                // The URL itself is not repeated: it holds a password.
                throw context.error(
                    "\(fullKey(key)) must not contain a user name or password; use username and password = \"env:NAME\" instead.",
                    at: value.position)
            case .malformed(let reason):
                throw invalid(key, value, reason)
            }
        }
        guard schemes.contains(url.scheme) else {
            throw invalid(key, value, "must start with \(schemes.map { "\($0)://" }.joined(separator: " or ")), like \"\(example)\".")
        }
        // The path becomes a mailbox or folder name in protocol commands, which are lines:
        // `%0D%0A` must not decode into a second command.
        if let control = url.decodedPathName.firstControlCharacter() {
            throw invalid(key, value, "its path holds a control character (U+\(String(control.value, radix: 16, uppercase: true))) once %-decoded; a folder name cannot contain one.")
        }
        return url
    }

    /// `20` rather than `20.0` for whole numbers, as a person would write them.
    static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
