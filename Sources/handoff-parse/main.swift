// Parses every mail file named on the command line, saving attachments into a temporary
// folder (emptied after each message, removed at the end), and prints the totals as one JSON line. The parse
// benchmark runs it; `--keep FOLDER` keeps the attachments there instead, `--json` prints
// each parse as JSON, for looking at one message, and `--max-mb N` raises the size limit.
import Foundation
import HandoffCore
import HandoffInbound

var files: [String] = []
var keep: String?
var printEach = false
var limits = InboundLimits()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--keep": keep = arguments.popFirst()
    case "--json": printEach = true
    case "--max-mb": limits.maxMessageBytes = Int64(arguments.popFirst().flatMap(Int.init) ?? 50) << 20
    default: files.append(argument)
    }
}

let scratch = FileManager.default.temporaryDirectory.path + "/handoff-parse-" + UUID().uuidString.lowercased()
var totals = (messages: 0, bytes: Int64(0), attachments: 0, attachmentBytes: Int64(0), defects: 0)
let started = ContinuousClock.now
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
do throws(HandoffError) {
    for file in files {
        let folder = keep ?? scratch
        let message = try InboundParser.parse(file: file, attachmentsFolder: folder, limits: limits)
        // One scratch folder, emptied after each message, so names never clash across them.
        if keep == nil {
            for attachment in message.attachments { try? FileManager.default.removeItem(atPath: folder + "/" + attachment.savedName) }
        }
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
