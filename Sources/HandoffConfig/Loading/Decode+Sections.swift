import HandoffCore

extension SectionReader {
    /// The whole file: only known sections, each a table.
    static func root(_ table: TOMLTable, context: ConfigContext) throws(HandoffError) -> SectionReader {
        for entry in table.entries where !ConfigSchema.sections.contains(entry.key) {
            let valid = "Valid sections: " + ConfigSchema.sections.map { "[\($0)]" }.joined(separator: ", ") + "."
            if case .table = entry.value.kind {
                var message = "unknown section [\(TOMLText.key(entry.key))]"
                if let suggestion = Suggestion.closest(to: entry.key, in: ConfigSchema.sections) { message += "; did you mean [\(suggestion)]?" }
                throw context.error(message + (message.hasSuffix("?") ? " " : ". ") + valid, at: entry.keyPosition)
            }
            var message = "unknown key '\(entry.key)' at the top of the file"
            let homes = ConfigSchema.sections(accepting: entry.key)
            if !homes.isEmpty { message += "; it belongs in " + homes.map { "[\($0)]" }.joined(separator: " or ") + ", after the section header" }
            throw context.error("\(message). Every setting goes in a section. \(valid)", at: entry.keyPosition)
        }
        return SectionReader(context: context, path: [], table: table, position: nil)
    }

    /// A section of the file, empty (all defaults) when absent.
    func section(_ name: String) throws(HandoffError) -> SectionReader {
        guard let entry = entry(name) else {
            return SectionReader(context: context, path: path + [name], table: TOMLTable(), position: nil)
        }
        guard case .table(let table) = entry.value.kind else {
            throw context.error("\(fullKey(name)) must be a section: write [\(fullKey(name))] and its keys on the lines below it, not \(entry.value.kindName).", at: entry.keyPosition)
        }
        return SectionReader(context: context, path: path + [name], table: table, position: entry.value.position)
    }
}

extension GatewaySettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> GatewaySettings {
        try section.checkKeys(ConfigSchema.gateway)
        let data = try section.path("data_dir")?.value ?? section.context.absolutePath("var")
        let outbox = try section.path("outbox")?.value ?? section.context.absolutePath("outbox")
        guard let senderText = try section.line("sender", expected: "an address like \"Pat Example <pat@va.example>\""),
              let senderValue = section.entry("sender")?.value
        else {
            throw section.missing("sender", example: "\"Your Name <you@example.com>\"")
        }
        let sender: EmailAddress
        do {
            sender = try EmailAddress(parsing: senderText.value)
        } catch {
            throw section.context.error("\(section.fullKey("sender")): \(error.message) Write it like \"Pat Example <pat@va.example>\".", at: senderValue.position)
        }
        let workers = try section.integer("workers", range: workerRange) ?? defaultWorkers
        return GatewaySettings(dataDirectory: data, outboxDirectory: outbox, sender: sender, workers: workers)
    }
}

extension ServerSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> ServerSettings {
        try section.checkKeys(ConfigSchema.server)
        guard let listen = try section.line("listen", expected: "\"HOST:PORT\", like \"127.0.0.1:8787\""), let value = section.entry("listen")?.value else {
            return ServerSettings()
        }
        // Parsed as the authority of a URL, so IPv6 in brackets works the same everywhere.
        guard let url = try? ServerURL(parsing: "http://" + listen.value), url.path.isEmpty, let port = url.port else {
            throw section.invalid("listen", value, "is not HOST:PORT; write it like \"127.0.0.1:8787\" or \"[::1]:8787\".")
        }
        return ServerSettings(host: url.host, port: port)
    }
}

extension QueueSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> QueueSettings {
        try section.checkKeys(ConfigSchema.queue)
        let defaults = RetryPolicy.default
        let attempts = try section.integer("max_attempts", range: 1...100) ?? defaults.maxAttempts
        let base = try section.number("backoff_base_seconds", range: 1...86_400, unit: " seconds")?.value ?? defaults.baseSeconds
        var cap = defaults.capSeconds
        if let located = try section.number("backoff_cap_seconds", range: 1...604_800, unit: " seconds"), let value = section.entry("backoff_cap_seconds")?.value {
            guard located.value >= base else {
                throw section.invalid("backoff_cap_seconds", value, "is below backoff_base_seconds (\(SectionReader.plain(base))); the cap must be at least the base.")
            }
            cap = located.value
        } else {
            cap = max(cap, base)
        }
        let lease = try section.integer("lease_seconds", range: 30...86_400, unit: " seconds") ?? defaultLeaseSeconds
        return QueueSettings(retry: RetryPolicy(maxAttempts: attempts, baseSeconds: base, capSeconds: cap), leaseSeconds: lease)
    }
}
