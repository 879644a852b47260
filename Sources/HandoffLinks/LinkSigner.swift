import Crypto
import Foundation
import HandoffCore

/// Signs and checks download links: HMAC-SHA256 over the link's path and expiry, with a
/// key that never leaves the data folder. Checking compares in constant time, so the
/// signature cannot be guessed byte by byte from response timings.
public struct LinkSigner: Sendable {
    // Kept as bytes: SymmetricKey is not Sendable in this swift-crypto version.
    private let keyBytes: Data

    public init(keyBytes: Data) {
        self.keyBytes = keyBytes
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// Loads the key from `path`, creating a random 256-bit one (mode 0600) the first time.
    public static func loadOrCreateKey(at path: String) throws(HandoffError) -> LinkSigner {
        let manager = FileManager.default
        if let data = manager.contents(atPath: path) {
            guard data.count >= 32 else {
                throw .config("The link signing key \(path) is damaged (shorter than 32 bytes). Remove it to make a new one; links already sent will stop working.")
            }
            return LinkSigner(keyBytes: data)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return LinkSigner(keyBytes: try KeyFile.create(bytes, at: path, role: "the link signing key"))
    }

    /// The hex signature of a path valid until `expires` (Unix seconds).
    public func signature(path: String, expires: Int64) -> String {
        let message = Data("\(path)\n\(expires)".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return Hex.string(mac)
    }

    /// Whether `signature` is right for the path and the link has not expired.
    public func verify(path: String, expires: Int64, signature: String, now: Date = Date()) -> Bool {
        guard Int64(now.timeIntervalSince1970) <= expires, let given = Hex.bytes(signature) else { return false }
        let message = Data("\(path)\n\(expires)".utf8)
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: message, using: key)
    }
}
