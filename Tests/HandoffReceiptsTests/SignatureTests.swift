import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTestSupport
import HandoffTime
import Testing

@Suite("Signed receipts verify offline")
struct SignatureTests {
    func signedFile() throws -> (path: String, signer: ReceiptSigner, folder: String) {
        let fixture = try ReceiptFixture()
        let signer = try fixture.signer
        let bytes = try signer.signedDocument(try fixture.receipt().json).prettyBytes
        let folder = try TemporaryFolder.create()
        let path = folder + "/receipt.json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, signer, folder)
    }

    @Test("sign, verify, and a changed byte fails naming what happened")
    func roundTrip() throws {
        let (path, signer, folder) = try signedFile()
        defer { TemporaryFolder.remove(folder) }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let result = try ReceiptSigner.verify(bytes, source: "receipt.json", expectedKey: "ed25519:" + signer.publicKey.base64EncodedString())
        #expect(result.receipt["project"]?["id"]?.stringValue == "acme")

        let tampered = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"raw_seconds\": 4200", with: "\"raw_seconds\": 4300")
        #expect(tampered != String(decoding: bytes, as: UTF8.self))
        let error = #expect(throws: HandoffError.self) { try ReceiptSigner.verify(Array(tampered.utf8), source: "receipt.json") }
        #expect(error?.message == "receipt.json: the signature does not match: the receipt was changed after it was signed, or signed with another key.")

        let other = try ReceiptSigner(seed: Data(repeating: 9, count: 32))
        let wrongKey = #expect(throws: HandoffError.self) {
            try ReceiptSigner.verify(bytes, source: "receipt.json", expectedKey: other.publicKey.base64EncodedString())
        }
        #expect(wrongKey?.message.contains("is signed with the key ed25519:") == true)
    }

    @Test("canonical bytes are exactly what Python's json.dumps(sort_keys, compact, ensure_ascii=False) writes")
    func canonicalMatchesPython() throws {
        let value = JSONValue.object([
            ("zeta", .string("line\nbreak \"quoted\" back\\slash tab\t ctrl\u{01} é ✓ 🎉 </script>")),
            ("alpha", .array([.int(1), .int(-20), .bool(true), .null, .object([])])),
            ("Beta", .object([("b", .string("")), ("a", .number("0"))])),
        ])
        let canonical = String(decoding: value.canonicalBytes, as: UTF8.self)
        let python = try runProgram("python3", ["-c", """
            import json, sys
            doc = json.loads(sys.argv[1])
            sys.stdout.write(json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
            """, String(decoding: value.prettyBytes, as: UTF8.self)])
        #expect(python.status == 0)
        #expect(python.stdout == canonical)
    }

    @Test("a client verifies with Python's cryptography package and with openssl, as the README says")
    func offlineTools() throws {
        let (path, signer, folder) = try signedFile()
        defer { TemporaryFolder.remove(folder) }
        // The README's Python recipe.
        let python = try runProgram("python3", ["-c", """
            import base64, json, sys
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
            doc = json.load(open(sys.argv[1], encoding="utf-8"))
            data = json.dumps(doc["receipt"], sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(sys.argv[2]))
            key.verify(base64.b64decode(doc["signature"]["value"]), data)
            open(sys.argv[3], "wb").write(data)
            open(sys.argv[4], "wb").write(base64.b64decode(doc["signature"]["value"]))
            print("ok")
            """, path, signer.publicKey.base64EncodedString(), folder + "/receipt.bin", folder + "/receipt.sig"])
        #expect(python.stdout == "ok\n", "python: \(python.stderr)")
        // The README's openssl recipe, with the PEM from `handoff ledger key --pem`.
        try Data(signer.publicKeyPEM.utf8).write(to: URL(fileURLWithPath: folder + "/key.pem"))
        let openssl = try runProgram("openssl", [
            "pkeyutl", "-verify", "-pubin", "-inkey", folder + "/key.pem", "-rawin", "-in", folder + "/receipt.bin",
            "-sigfile", folder + "/receipt.sig",
        ])
        #expect(openssl.status == 0, "openssl: \(openssl.stdout) \(openssl.stderr)")
        #expect(openssl.stdout.contains("Signature Verified Successfully"))
    }

    @Test("the signing key is made once, mode 0600, and reused")
    func keyFile() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let first = try gateway.receiptSigner().publicKey
        let second = try gateway.receiptSigner().publicKey
        #expect(first == second)
        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.root + "/var/receipts.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
    }
}
