import HandoffCore

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
            // A base above the default cap raises the cap with it, rather than failing on
            // a key the file does not have.
            cap = max(cap, base)
        }
        let lease = try section.integer("lease_seconds", range: 30...86_400, unit: " seconds") ?? defaultLeaseSeconds
        return QueueSettings(retry: RetryPolicy(maxAttempts: attempts, baseSeconds: base, capSeconds: cap), leaseSeconds: lease)
    }
}
