import HandoffCore

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
