import Foundation
import Testing

/// Parses a message file with Python's `email` package, an independent MIME reader, and
/// returns what it decoded; attachment bodies are written to files in `outputFolder`.
enum PythonEmail {
    struct Parsed: Decodable {
        var subject: String
        var from: [[String]]
        var to: [[String]]
        var cc: [[String]]
        var replyTo: [[String]]
        /// Display names and addresses decoded by the older compat32 API, which joins
        /// adjacent encoded words as RFC 2047 says (see `script`).
        var compatTo: [[String]]
        var compatCc: [[String]]
        var hasBcc: Bool
        var date: String
        var messageID: String
        var inReplyTo: String?
        var references: String?
        var extra: [String: String]
        var mimeVersion: String?
        var contentType: String
        var text: String
        var textTransferEncoding: String
        var attachments: [Attachment]
        var defects: [String]
    }

    struct Attachment: Decodable {
        var fileName: String
        var contentType: String
        var disposition: String
        var output: String
    }

    /// Python 3.11's modern address parser keeps the space between two adjacent encoded
    /// words in a display name (CPython gh-128110, fixed later), against RFC 2047 section
    /// 6.2; long non-ASCII names are therefore also read with compat32's `decode_header`.
    static let script = #"""
import sys, json, email, email.policy, email.header, email.utils
path, outdir, extra_names = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(path, 'rb') as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
with open(path, 'rb') as f:
    old = email.message_from_binary_file(f, policy=email.policy.compat32)

def addrs(name):
    header = msg[name]
    return [] if header is None else [[a.display_name, a.addr_spec] for a in header.addresses]

def compat(name):
    raw = old.get_all(name) or []
    return [[str(email.header.make_header(email.header.decode_header(n))), a] for n, a in email.utils.getaddresses(raw)]

defects = []
for part in msg.walk():
    defects += [type(d).__name__ for d in part.defects]
body = msg.get_body(preferencelist=('plain',))
attachments = []
for index, part in enumerate(msg.iter_attachments()):
    out = '%s/attachment-%d' % (outdir, index)
    with open(out, 'wb') as f:
        f.write(part.get_payload(decode=True))
    attachments.append({'fileName': part.get_filename(), 'contentType': part.get_content_type(),
                        'disposition': part.get_content_disposition(), 'output': out})
print(json.dumps({
    'subject': msg['subject'], 'from': addrs('from'), 'to': addrs('to'), 'cc': addrs('cc'),
    'replyTo': addrs('reply-to'), 'compatTo': compat('to'), 'compatCc': compat('cc'),
    'hasBcc': 'bcc' in msg, 'date': msg['date'], 'messageID': msg['message-id'],
    'inReplyTo': msg['in-reply-to'], 'references': msg['references'],
    'extra': {n: msg[n] for n in extra_names if msg[n] is not None},
    'mimeVersion': msg['mime-version'], 'contentType': msg.get_content_type(),
    'text': body.get_content(), 'textTransferEncoding': body['content-transfer-encoding'],
    'attachments': attachments, 'defects': defects}))
"""#

    static func parse(_ path: String, outputFolder: String, extraHeaders: [String] = [],
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> Parsed {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, outputFolder] + extraHeaders
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a full pipe would otherwise block Python forever.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 could not parse the message (python3 is needed for this test): \(errorText)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Parsed.self, from: data)
    }
}
