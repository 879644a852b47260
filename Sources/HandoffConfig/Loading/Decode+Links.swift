import HandoffCore

extension LinkSettings {
    static func decode(_ section: SectionReader, server: ServerSettings) throws(HandoffError) -> LinkSettings {
        try section.checkKeys(ConfigSchema.keys(of: "links"))
        let store = try section.choice("store", ConfigSchema.linkStores.map { ($0, $0) })
        let storeName: String = store?.value ?? "local"
        try section.checkChoiceKeys(
            choiceKey: "store", current: storeName,
            keysByChoice: [("local", []), ("webdav", ConfigSchema.linksWebDAV), ("s3", ConfigSchema.linksS3), ("sftp", ConfigSchema.linksSFTP)])
        var baseURL = server.defaultBaseURL
        if let url = try section.url("base_url", schemes: ["http", "https"], example: "https://files.va.example") {
            baseURL = url.value.text
            while baseURL.hasSuffix("/") { baseURL.removeLast() }
        }
        let days = try section.integer("expire_days", range: 1...3650, unit: " days") ?? defaultExpireDays
        let setting: LinkStoreSetting
        switch storeName {
        case "webdav": setting = .webdav(try WebDAVSettings.decode(section))
        case "s3": setting = .s3(try S3Settings.decode(section))
        case "sftp": setting = .sftp(try SFTPSettings.decode(section))
        default: setting = .local
        }
        if let store, storeName != "local" {
            // Read and checked above so the file stays valid when the store arrives.
            throw section.context.error(
                "\(section.fullKey("store")) = \"\(storeName)\" is not available in this version of handoff; use store = \"local\" (packages served by handoff serve).",
                at: store.position)
        }
        return LinkSettings(store: setting, baseURL: baseURL, expireDays: days)
    }
}

extension WebDAVSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> WebDAVSettings {
        guard let url = try section.url("url", schemes: ["https", "http"], example: "https://cloud.example/dav/handoff/") else {
            throw section.missing("url", example: "\"https://cloud.example/dav/handoff/\"")
        }
        return WebDAVSettings(
            url: url.value.text, username: try section.line("username")?.value, password: try section.secret("password"),
            publicURL: try section.url("public_url", schemes: ["https", "http"], example: "https://files.example/handoff/")?.value.text,
            trust: try TLSTrust.decode(section))
    }
}

extension S3Settings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> S3Settings {
        guard let endpoint = try section.url("endpoint", schemes: ["https", "http"], example: "https://s3.example.com") else {
            throw section.missing("endpoint", example: "\"https://s3.example.com\"")
        }
        guard let bucket = try section.line("bucket")?.value else { throw section.missing("bucket", example: "\"handoff\"") }
        guard let region = try section.line("region")?.value else { throw section.missing("region", example: "\"us-east-1\"") }
        guard let accessKey = try section.secret("access_key") else { throw section.missing("access_key", example: "\"env:HANDOFF_S3_ACCESS_KEY\"") }
        guard let secretKey = try section.secret("secret_key") else { throw section.missing("secret_key", example: "\"env:HANDOFF_S3_SECRET_KEY\"") }
        return S3Settings(
            endpoint: endpoint.value.text, bucket: bucket, region: region, accessKey: accessKey, secretKey: secretKey,
            publicURL: try section.url("public_url", schemes: ["https", "http"], example: "https://files.example/handoff/")?.value.text,
            trust: try TLSTrust.decode(section))
    }
}

extension SFTPSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> SFTPSettings {
        guard let url = try section.url("url", schemes: ["sftp"], example: "sftp://files.example/srv/handoff/") else {
            throw section.missing("url", example: "\"sftp://files.example/srv/handoff/\"")
        }
        guard let username = try section.line("username")?.value else { throw section.missing("username", example: "\"pat\"") }
        let password = try section.secret("password")
        let keyFile = try section.existingFile("key_file")
        if password == nil, keyFile == nil {
            throw section.missing("password", example: "\"env:HANDOFF_SFTP_PASSWORD\" (or key_file = \"PATH\")")
        }
        return SFTPSettings(
            url: url.value.text, host: url.value.host, port: url.value.port ?? 22, directory: url.value.decodedPathName,
            username: username, password: password, keyFile: keyFile,
            publicURL: try section.url("public_url", schemes: ["https", "http"], example: "https://files.example/handoff/")?.value.text)
    }
}
