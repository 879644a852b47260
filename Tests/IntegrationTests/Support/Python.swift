import Foundation
import HandoffTestSupport
import HandoffCore


/// What Python's `email` package reads in a message: headers and each attachment's SHA-256.
struct ParsedMail: Decodable {
    var subject: String
    var to: String?
    var cc: String?
    var bcc: String?
    var inReplyTo: String?
    var references: String?
    var messageID: String?
    var attachments: [String: String]
    /// The plain-text body, if the message has one.
    var text: String?

    static func parse(_ data: Data) throws -> ParsedMail {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString).eml")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let json = try python("""
            import email, email.policy, hashlib, json, sys
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            out = {"subject": str(msg["Subject"]), "to": msg["To"], "cc": msg["Cc"], "bcc": msg["Bcc"],
                   "inReplyTo": msg["In-Reply-To"], "references": msg["References"], "messageID": msg["Message-ID"],
                   "attachments": {p.get_filename(): hashlib.sha256(p.get_content()).hexdigest() for p in msg.iter_attachments()},
                   "text": (lambda b: b.get_content() if b is not None else None)(msg.get_body(preferencelist=("plain",)))}
            print(json.dumps({k: (str(v) if v is not None and k != "attachments" else v) for k, v in out.items()}))
            """, [file.path])
        return try JSONDecoder().decode(ParsedMail.self, from: Data(json.utf8))
    }
}

/// Random bytes (incompressible), so the package is as large as the files.
func randomData(_ count: Int) -> Data {
    var generator = SystemRandomNumberGenerator()
    var data = Data(count: count)
    data.withUnsafeMutableBytes { buffer in
        var index = 0
        while index + 8 <= buffer.count {
            buffer.storeBytes(of: generator.next() as UInt64, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < buffer.count {
            buffer[index] = UInt8.random(in: 0...255, using: &generator)
            index += 1
        }
    }
    return data
}
