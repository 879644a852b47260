import HandoffCore

extension MailSettings {
    /// Everything but `sent_folder`, which waits for `[inbox]` (``readSentFolder(_:inbox:)``).
    static func decode(_ section: SectionReader, dataDirectory: String) throws(HandoffError) -> MailSettings {
        try section.checkKeys(ConfigSchema.keys(of: "mail"))
        let transport: String = try section.choice("transport", ConfigSchema.mailTransports.map { ($0, $0) })?.value ?? "file"
        try section.checkChoiceKeys(
            choiceKey: "transport", current: transport,
            keysByChoice: [("file", ConfigSchema.mailFile), ("smtp", ConfigSchema.mailSMTP)])
        let megabytes = try section.number("max_attachment_mb", range: 0.1...1000, unit: " (megabytes)")?.value
            ?? Double(defaultMaxAttachmentMB)
        let limit = Int64((megabytes * Double(bytesPerMB)).rounded())
        if transport == "smtp" {
            return MailSettings(transport: .smtp(try SMTPSettings.decode(section)), maxAttachmentBytes: limit)
        }
        let directory = try section.path("directory")?.value ?? PathResolver.normalize(dataDirectory + "/sent")
        return MailSettings(transport: .file(directory: directory), maxAttachmentBytes: limit)
    }
}

extension SMTPSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> SMTPSettings {
        guard let url = try section.url("url", schemes: ["smtp", "smtps"], example: "smtp://smtp.example.com:587") else {
            throw section.missing("url", example: "\"smtp://smtp.example.com:587\" (STARTTLS) or \"smtps://smtp.example.com:465\"")
        }
        if !url.value.path.isEmpty, url.value.path != "/", let value = section.entry("url")?.value {
            throw section.invalid("url", value, "has a path; an SMTP URL is only smtp://HOST:PORT or smtps://HOST:PORT.")
        }
        let implicit = url.value.scheme == "smtps"
        return SMTPSettings(
            url: url.value.text, tls: implicit ? .implicitTLS : .startTLS, host: url.value.host,
            port: url.value.port ?? (implicit ? 465 : 587), login: try SMTPLogin.decode(section), trust: try TLSTrust.decode(section),
            timeoutSeconds: try section.integer("timeout_seconds", range: 1...600, unit: " seconds") ?? defaultTimeoutSeconds)
    }
}

extension TLSTrust {
    static func decode(_ section: SectionReader) throws(HandoffError) -> TLSTrust {
        TLSTrust(caFile: try caFile(section), insecureSkipVerify: try section.bool("insecure_skip_verify") ?? false)
    }

    /// Looked into now, so a wrong file is named with its line rather than found at the
    /// first connection.
    private static func caFile(_ section: SectionReader) throws(HandoffError) -> String? {
        guard let path = try section.existingFile("ca_file"), let value = section.entry("ca_file")?.value else { return nil }
        guard FileSystem.file(path, contains: "-----BEGIN CERTIFICATE-----") else {
            throw section.invalid("ca_file", value, "names \(path), which holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
        }
        return path
    }
}
