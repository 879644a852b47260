/// What one libcurl transfer should do, in plain Swift values.
///
/// A value, not a handle: the caller fills it in, `CurlConnection` turns it into options on
/// its easy handle, runs the transfer, and resets the handle afterwards. Secrets it carries
/// (password, bearer token, a request body with a refresh token) go to libcurl only; the
/// type prints none of them.
public struct CurlRequest: Sendable, CustomStringConvertible {
    /// `smtp://`, `smtps://`, `imap://`, `imaps://`, `http://` or `https://`.
    public var url: String

    // MARK: Login
    public var username: String?
    public var password: String?
    /// An OAuth 2.0 access token for SASL XOAUTH2 / OAUTHBEARER (`CURLOPT_XOAUTH2_BEARER`).
    public var bearerToken: String?

    // MARK: TLS
    /// For `smtp://` and `imap://`: upgrade with STARTTLS or fail (`CURLUSESSL_ALL`), never
    /// continue in plain text.
    public var requireTLS = true
    /// PEM bytes of extra trust anchors, added to the system's (see `TrustBundle`).
    public var extraTrustAnchors: [UInt8]?
    /// Skip certificate and host name checks. Only set from an explicit config choice.
    public var insecureSkipVerify = false

    // MARK: Time limits
    /// Seconds to connect (TCP and TLS handshake).
    public var connectTimeout = 60
    /// Seconds to wait for each server reply, and longest a transfer may make no progress.
    public var stallTimeout = 60

    // MARK: SMTP
    /// `MAIL FROM` address (bare, without angle brackets).
    public var mailFrom: String?
    /// `RCPT TO` addresses (bare).
    public var mailRecipients: [String] = []
    /// Go on to DATA when some recipients are refused (`CURLOPT_MAIL_RCPT_ALLOWFAILS`).
    public var allowRecipientFailures = false

    // MARK: Upload, command, body
    /// What is streamed as the upload (the message for SMTP, the APPEND for IMAP).
    public var upload: Upload?
    /// A protocol command instead of the default (`NOOP` for SMTP, `UID SEARCH …` for IMAP).
    public var customRequest: String?
    /// An HTTP POST body (copied by libcurl) and extra header lines.
    public var postBody: [UInt8]?
    public var headers: [String] = []
    /// The most response body bytes kept; more aborts the transfer.
    public var maxBodyBytes = 1 << 20
    /// `CURLOPT_CONNECT_ONLY`: connect, upgrade with STARTTLS and log in, then hand the
    /// connection over (see `CurlStream`).
    public var connectOnly = false

    public init(url: String) {
        self.url = url
    }

    public var description: String {
        "CurlRequest(\(url), user: \(username ?? "none"), \(mailRecipients.count) recipient(s))"
    }
}

/// One line of a conversation with a server, as libcurl's debug callback saw it.
public enum TranscriptLine: Sendable, Equatable, CustomStringConvertible {
    /// A command we sent. Anything that could carry a credential is replaced by its verb
    /// alone (see `CommandRedaction`).
    case sent(String)
    /// A response line from the server.
    case received(String)

    /// A sent command as the transcript keeps it: credentials replaced (what the debug
    /// callback does to every line it sees going out).
    public static func sentRedacted(_ line: String) -> TranscriptLine {
        .sent(CommandRedaction.redact(line))
    }

    public var description: String {
        switch self {
        case .sent(let line): "C: \(line)"
        case .received(let line): "S: \(line)"
        }
    }
}

/// What a transfer left behind: how it ended, what was said, what came back.
public struct CurlResponse: Sendable {
    /// nil when libcurl reported success.
    public var failure: CurlFailure?
    public var transcript: [TranscriptLine]
    /// The response body (HTTP), or a command's data, at most `maxBodyBytes`.
    public var body: [UInt8]
    /// The read callback reached the end of the upload file: libcurl had every byte and went
    /// on to finish the upload (for SMTP, to send the final dot).
    public var uploadReachedEnd: Bool
    /// Bytes of the upload handed to libcurl.
    public var uploadedBytes: Int64
    /// `CURLINFO_RESPONSE_CODE`: the last SMTP/IMAP/HTTP status code.
    public var responseCode: Int
}
