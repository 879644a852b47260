// Parses every mail file named on the command line, each into a fresh temporary
// attachments folder (removed after), and prints the totals as one JSON line. The parse
// benchmark runs it; `--keep FOLDER` keeps the attachments there instead, and `--json`
// prints each parse as JSON, for looking at one message.
import Foundation
import HandoffCore
import HandoffInbound

var files: [String] = []
var keep: String?
var printEach = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--keep": keep = arguments.popFirst()
    case "--json": printEach = true
    default: files.append(argument)
    }
}

let scratch = FileManager.default.temporaryDirectory.path + "/handoff-parse-" + UUID().uuidString.lowercased()
var totals = (messages: 0, bytes: Int64(0), attachments: 0, attachmentBytes: Int64(0), defects: 0)
let started = ContinuousClock.now
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
do throws(HandoffError) {
    for (index, file) in files.enumerated() {
        let folder = keep ?? scratch + "/\(index)"
        let message = try InboundParser.parse(file: file, attachmentsFolder: folder)
        if keep == nil { try? FileManager.default.removeItem(atPath: folder) }
        totals.messages += 1
        totals.bytes += message.size
        totals.attachments += message.attachments.count
        totals.attachmentBytes += message.attachments.reduce(0) { $0 + $1.size }
        totals.defects += message.defects.count
        if printEach, let data = try? encoder.encode(message) { print(String(decoding: data, as: UTF8.self)) }
    }
} catch {
    try? FileManager.default.removeItem(atPath: scratch)
    FileHandle.standardError.write(Data("handoff-parse: \(error.message)\n".utf8))
    exit(error.exitCode)
}
try? FileManager.default.removeItem(atPath: scratch)
let elapsed = started.duration(to: .now)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(#"{"messages":\#(totals.messages),"bytes":\#(totals.bytes),"attachments":\#(totals.attachments),"attachment_bytes":\#(totals.attachmentBytes),"defects":\#(totals.defects),"seconds":\#(seconds)}"#)
