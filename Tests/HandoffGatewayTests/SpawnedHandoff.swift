import Foundation
import HandoffCLITesting

/// Runs the built `handoff` with arguments, in `directory`; as another user (through
/// runuser, so only when the tests run as root) when `user` is given. For the tests where
/// the process is the point (raw argument bytes, a binary standard output, another user);
/// the others run the commands in-process with `runInProcess`.
func runHandoff(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], user: String? = nil) throws -> CommandResult {
    let process = Process()
    if let user {
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", user, "--", try handoffExecutable()] + arguments
    } else {
        process.executableURL = URL(fileURLWithPath: try handoffExecutable())
        process.arguments = arguments
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "HANDOFF_CONFIG")
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
    let errData = DispatchQueue(label: "stderr")
    nonisolated(unsafe) var stderrBytes = Data()
    let group = DispatchGroup()
    group.enter()
    errData.async {
        stderrBytes = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdoutBytes = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: stdoutBytes, as: UTF8.self),
        stderr: String(decoding: stderrBytes, as: UTF8.self))
}
