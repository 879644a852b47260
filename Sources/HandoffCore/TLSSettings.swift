/// How a connection to a mail server is protected. There is no plain-text choice: a URL
/// without TLS (`smtp://`, `imap://`) means STARTTLS, and a server that does not offer it
/// is an error, never a silent downgrade.
public enum TLSMode: String, Sendable, Equatable {
    /// `smtp://` or `imap://`: connect in clear, upgrade with STARTTLS before anything else.
    case startTLS
    /// `smtps://` or `imaps://`: TLS from the first byte.
    case implicitTLS
}

/// The trust settings shared by every TLS client: an extra CA and the explicit, logged
/// choice to skip verification (for a test server with a self-signed certificate).
public struct TLSTrust: Sendable, Equatable {
    /// `ca_file`, absolute: an extra trust anchor (PEM), added to the system's.
    public var caFile: String?
    /// `insecure_skip_verify`: false unless the file says so; whoever connects logs it.
    public var insecureSkipVerify: Bool

    public init(caFile: String? = nil, insecureSkipVerify: Bool = false) {
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
    }
}
