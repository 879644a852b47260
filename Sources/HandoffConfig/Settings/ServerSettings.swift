/// `[server]`: where `handoff serve` / `handoff run` listen for link downloads.
public struct ServerSettings: Sendable, Equatable {
    /// From `listen = "HOST:PORT"`; an IPv6 host is stored without brackets.
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8787) {
        self.host = host
        self.port = port
    }

    /// `HOST:PORT` as it would be written in the file (`[::1]:8787` for IPv6).
    public var listen: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The link base URL when `links.base_url` is not set.
    public var defaultBaseURL: String {
        let reachable = (host == "0.0.0.0" || host == "::") ? "127.0.0.1" : host
        return "http://" + ServerSettings(host: reachable, port: port).listen
    }
}
