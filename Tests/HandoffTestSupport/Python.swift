import Foundation
import HandoffCore

/// Runs python3 with a script and arguments; returns standard output. Python's standard
/// library (email, zipfile, tarfile) is the independent reader that checks what we write.
public func python(_ script: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw HandoffError.internal("python3 exited \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}
