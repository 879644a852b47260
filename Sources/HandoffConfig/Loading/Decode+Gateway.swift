import HandoffCore

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
        let notifyFailures = try section.bool("notify_failures") ?? false
        return GatewaySettings(
            dataDirectory: data, outboxDirectory: outbox, sender: sender, workers: workers, notifyFailures: notifyFailures)
    }
}
