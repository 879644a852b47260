import CCurl
import Foundation

/// Adds a configured CA to the system's trust anchors, rather than replacing them.
///
/// Both `CURLOPT_CAINFO` and `CURLOPT_CAINFO_BLOB` *replace* libcurl's default CA bundle
/// (measured with libcurl 7.88 and OpenSSL: with a blob set, the CAINFO file is ignored).
/// Debian's build also has a default CA folder (`CURLOPT_CAPATH`) that still applies, but
/// other builds have none, so relying on it would quietly break every public server the
/// day Handoff runs elsewhere. Instead the blob handed to libcurl is the default bundle
/// followed by the configured CA: in memory, built once per process, no file written.
enum TrustBundle {
    /// libcurl's built-in default bundle (`CURLINFO_CAINFO`), read once; empty if the build
    /// has none or it cannot be read (then only the configured CA and CAPATH apply).
    static let system: [UInt8] = {
        guard (try? CurlGlobal.ensure()) != nil, let handle = curl_easy_init() else { return [] }
        defer { curl_easy_cleanup(handle) }
        var path: UnsafeMutablePointer<CChar>?
        guard handoff_curl_getinfo_string(handle, CURLINFO_CAINFO, &path) == CURLE_OK, let path else { return [] }
        return FileManager.default.contents(atPath: String(cString: path)).map(Array.init) ?? []
    }()

    /// The default bundle plus `extra` (PEM), separated by a line break.
    static func adding(_ extra: [UInt8]) -> [UInt8] {
        var bundle = system
        if !bundle.isEmpty, bundle.last != UInt8(ascii: "\n") { bundle.append(UInt8(ascii: "\n")) }
        bundle += extra
        return bundle
    }
}
