#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CCurl
import HandoffCore

/// libcurl's process-wide set-up, done exactly once before the first handle exists.
///
/// `curl_global_init` is not thread-safe and must precede every other libcurl call, so it
/// sits behind a `static let` (which Swift initialises once, thread-safely). SIGPIPE is
/// ignored at the same time: a server that drops the connection mid-upload must become a
/// `CURLE_SEND_ERROR`, not kill the process. `CURLOPT_NOSIGNAL` is set on every handle too.
enum CurlGlobal {
    private static let initialised: Result<Void, HandoffError> = {
        signal(SIGPIPE, SIG_IGN)
        let code = curl_global_init(Int(CURL_GLOBAL_ALL))
        guard code == CURLE_OK else {
            return .failure(.internal("libcurl could not initialise: \(String(cString: curl_easy_strerror(code)))."))
        }
        return .success(())
    }()

    static func ensure() throws(HandoffError) {
        try initialised.get()
    }

    /// The libcurl version and TLS library in use, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 …`.
    static var version: String {
        String(cString: curl_version())
    }
}
