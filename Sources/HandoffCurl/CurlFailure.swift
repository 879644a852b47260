import Foundation
import CCurl

/// A transfer or option that libcurl refused, with everything it said about why.
///
/// Public callers see a small `Kind` (the distinctions a mail or HTTP client acts on) and
/// the number, never a C type. The message joins `curl_easy_strerror` with the handle's
/// error buffer, which names the detail (the certificate problem, the refused port).
public struct CurlFailure: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case couldNotResolve
        case couldNotConnect
        case timedOut
        case loginDenied
        /// `CURLOPT_USE_SSL` could not be honoured: the server offers no STARTTLS.
        case tlsNotOffered
        /// The TLS handshake failed (protocol, cipher, client certificate).
        case tlsHandshake
        /// The server's certificate did not verify against the trust anchors.
        case certificateRejected
        case sendFailed
        case receiveFailed
        /// The server closed the connection without answering.
        case gotNothing
        /// The server answered something the protocol did not expect (an SMTP 4xx/5xx).
        case unexpectedReply
        /// One of our callbacks stopped the transfer (a read error, a body too large).
        case abortedByCallback
        case other
    }

    public let kind: Kind
    /// The `CURLcode` number, for logs and bug reports.
    public let code: Int
    public let message: String

    public var description: String { message }

    /// For tests and callers that build outcomes by hand; libcurl's come from `check`.
    public init(kind: Kind, code: Int, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// The one place a `CURLcode` becomes a failure: nil for `CURLE_OK`.
    static func check(_ code: CURLcode, errorBuffer: UnsafePointer<CChar>? = nil) -> CurlFailure? {
        guard code != CURLE_OK else { return nil }
        var message = String(cString: curl_easy_strerror(code))
        if let errorBuffer, errorBuffer.pointee != 0 {
            let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
            if !detail.isEmpty, detail != message { message += ": " + detail }
        }
        return CurlFailure(kind: kind(of: code), code: Int(code.rawValue), message: message)
    }

    private static func kind(of code: CURLcode) -> Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolve
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_LOGIN_DENIED: .loginDenied
        case CURLE_USE_SSL_FAILED: .tlsNotOffered
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER: .tlsHandshake
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR: .certificateRejected
        case CURLE_SEND_ERROR: .sendFailed
        case CURLE_RECV_ERROR: .receiveFailed
        case CURLE_GOT_NOTHING: .gotNothing
        case CURLE_WEIRD_SERVER_REPLY, CURLE_QUOTE_ERROR, CURLE_REMOTE_ACCESS_DENIED, CURLE_UPLOAD_FAILED: .unexpectedReply
        case CURLE_ABORTED_BY_CALLBACK, CURLE_READ_ERROR, CURLE_WRITE_ERROR: .abortedByCallback
        default: .other
        }
    }
}
