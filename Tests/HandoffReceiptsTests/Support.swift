import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTestSupport
import HandoffTime
import Logging

/// A throwaway installation with two projects, removed when the test ends.
final class TimeWorkspace {
    let root: String

    init(acme: String = "retainer_hours = 4\nrounding_minutes = 15") throws {
        root = try TemporaryFolder.create()
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        let config = """
            [gateway]
            data_dir = "var"
            sender = "Pat Example <pat@va.test>"

            [projects.acme]
            name = "Acme Realty"
            contacts = ["Dana Client <dana@acme.test>"]
            allow = ["acme.test"]
            \(acme)

            [projects.beta]
            name = "Beta & Sons <Ltd>"
            contacts = ["bo@beta.test"]
            allow = ["beta.test"]
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    deinit { TemporaryFolder.remove(root) }

    var configPath: String { root + "/config/handoff.toml" }
    var databasePath: String { root + "/var/handoff.sqlite" }

    func gateway() throws -> Gateway {
        let config = try ConfigLoader.load(path: configPath, environment: [:])
        var logger = Logger(label: "handoff.test")
        logger.logLevel = .critical
        return try Gateway(config: config, logger: logger)
    }

    /// A small deliverable folder.
    func deliverable(_ name: String = "brochure") throws -> String {
        let folder = root + "/work/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Spring brochure text\n".utf8).write(to: URL(fileURLWithPath: folder + "/copy.txt"))
        return folder
    }
}

let berlin = WallClock(zone: TimeZone(identifier: "Europe/Berlin")!)

/// A local time in Berlin as an instant.
func at(_ text: String) throws -> Date {
    try UserTime.parse(text, clock: berlin, now: Date(timeIntervalSince1970: 2_000_000_000))
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion; `nil` path means "find it on PATH".
func runProgram(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
    process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently enough for small outputs: stderr is small in these tests.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Whether a program is on PATH.
func installed(_ program: String) -> Bool {
    (try? runProgram("which", [program]).status) == 0
}
