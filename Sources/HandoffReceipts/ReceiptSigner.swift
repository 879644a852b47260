import Crypto
import Foundation
import HandoffCore

/// Signs receipts with the VA's Ed25519 key and checks signed receipts.
///
/// The signed file is `{"receipt": …, "signature": {…}}`; the signature covers the
/// canonical bytes of the `receipt` member (`JSONValue.canonicalBytes`), so the file may be
/// pretty-printed, re-indented or have its keys reordered and still verify.
public struct ReceiptSigner: Sendable {
    // Kept as the 32-byte seed: the key types are not Sendable in every swift-crypto version.
    private let seed: Data

    public init(seed: Data) throws(HandoffError) {
        guard (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) != nil else {
            throw .config("The receipt signing key is damaged (it must be 32 bytes).")
        }
        self.seed = seed
    }

    private var key: Curve25519.Signing.PrivateKey {
        // The seed was checked in init.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) ?? Curve25519.Signing.PrivateKey()
    }

    /// The raw 32-byte public key.
    public var publicKey: Data { key.publicKey.rawRepresentation }

    /// The public key as PEM (SubjectPublicKeyInfo), what `openssl pkeyutl -verify` reads.
    public var publicKeyPEM: String {
        // DER of SubjectPublicKeyInfo for Ed25519 (RFC 8410) is this fixed prefix and the key.
        let der = Data([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]) + publicKey
        return "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// Loads the key from `path`, creating it (mode 0600) the first time; a key made by
    /// another process at the same moment wins, so there is only ever one.
    public static func loadOrCreate(at path: String) throws(HandoffError) -> ReceiptSigner {
        let manager = FileManager.default
        if let data = manager.contents(atPath: path) {
            guard data.count == 32 else {
                throw .config("The receipt signing key \(path) is damaged (\(data.count) bytes, expected 32). Restore it from a backup: receipts signed with it can only be checked with its public key.")
            }
            return try ReceiptSigner(seed: data)
        }
        let seed = Curve25519.Signing.PrivateKey().rawRepresentation
        return try ReceiptSigner(seed: KeyFile.create(seed, at: path, role: "the receipt signing key"))
    }

    /// The signed document for a receipt.
    public func signedDocument(_ receipt: JSONValue) throws(HandoffError) -> JSONValue {
        .object([("receipt", receipt), ("signature", try signature(over: receipt.canonicalBytes))])
    }

    /// The signed document as canonical bytes and a final newline, from the receipt's
    /// canonical bytes: the file is itself in canonical form, and nothing is parsed again.
    public func signedDocument(canonicalReceipt: [UInt8]) throws(HandoffError) -> [UInt8] {
        var out: [UInt8] = Array("{\"receipt\":".utf8)
        out.reserveCapacity(canonicalReceipt.count + 256)
        out += canonicalReceipt
        out += Array(",\"signature\":".utf8)
        out += try signature(over: canonicalReceipt).canonicalBytes
        out += Array("}\n".utf8)
        return out
    }

    /// A raw Ed25519 signature of `message` (the ledger head anchor is signed this way).
    public func sign(_ message: Data) throws(HandoffError) -> Data {
        do {
            return try key.signature(for: message)
        } catch {
            throw .internal("Signing with the ledger key failed: \(error)")
        }
    }

    /// Whether `signature` is this key's signature of `message`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.publicKey.isValidSignature(signature, for: message)
    }

    private func signature(over canonical: [UInt8]) throws(HandoffError) -> JSONValue {
        let value: Data
        do {
            value = try key.signature(for: Data(canonical))
        } catch {
            throw .internal("Signing the receipt failed: \(error)")
        }
        return .object([
            ("algorithm", .string("Ed25519")),
            ("public_key", .string(publicKey.base64EncodedString())),
            ("signed", .string("canonical JSON of \"receipt\": keys sorted, no whitespace, UTF-8")),
            ("value", .string(value.base64EncodedString())),
        ])
    }

    /// What checking a signed receipt found.
    public struct Verification: Sendable, Equatable {
        public var publicKey: String
        public var receipt: JSONValue
    }

    /// Checks a signed receipt file's signature against the key it names, or against
    /// `expectedKey` (base64) when given, which is what a client should do with the key
    /// the VA gave them. Throws naming what does not hold.
    public static func verify(_ bytes: [UInt8], source: String, expectedKey: String? = nil) throws(HandoffError) -> Verification {
        let document = try JSONParser.parse(bytes, source: source)
        guard let receipt = document["receipt"], let signature = document["signature"],
              signature["algorithm"]?.stringValue == "Ed25519",
              let keyText = signature["public_key"]?.stringValue, let valueText = signature["value"]?.stringValue
        else {
            throw .badInput("\(source) is not a signed receipt: it needs \"receipt\" and an Ed25519 \"signature\" with public_key and value.")
        }
        if let expectedKey {
            // `handoff ledger key` prints the key as `ed25519:BASE64`; either form is accepted.
            var expected = expectedKey.trimmingWhitespace()
            if expected.lowercased().hasPrefix("ed25519:") { expected.removeFirst("ed25519:".count) }
            guard expected == keyText else {
                throw .badInput("\(source) is signed with the key ed25519:\(keyText), not the expected ed25519:\(expected).")
            }
        }
        guard let keyData = Data(base64Encoded: keyText), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyData),
              let value = Data(base64Encoded: valueText)
        else {
            throw .badInput("\(source): the public key or the signature is not valid base64 of the right length.")
        }
        guard key.isValidSignature(value, for: Data(receipt.canonicalBytes)) else {
            throw .badInput("\(source): the signature does not match: the receipt was changed after it was signed, or signed with another key.")
        }
        return Verification(publicKey: keyText, receipt: receipt)
    }
}
