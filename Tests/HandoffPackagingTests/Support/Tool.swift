import Foundation
import Testing

/// Runs the independent tools the tests check archives with (python3, bsdtar, zstd).
enum Tool {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `command` found on PATH, with no standard input and a UTF-8 locale, and with
    /// output kept in files (a pipe could fill up and block the tool).
    static func run(_ command: String, _ arguments: [String], scratch: String) throws -> Result {
        let id = UUID().uuidString
        let outPath = scratch + "/.tool-\(id).out"
        let errPath = scratch + "/.tool-\(id).err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment["PYTHONUTF8"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs and requires exit status 0, returning standard output.
    static func output(_ command: String, _ arguments: [String], scratch: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(command, arguments, scratch: scratch)
        try #require(result.status == 0, "\(command) \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// `bsdtar -tf`: the entry names, one per line.
    static func bsdtarNames(_ archive: String, scratch: String) throws -> [String] {
        try output("bsdtar", ["-tf", archive], scratch: scratch).split(separator: "\n").map(String.init)
    }

    /// `bsdtar -xf` into `destination` (created).
    static func bsdtarExtract(_ archive: String, to destination: String, scratch: String, passphrase: String? = nil) throws -> Result {
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        var arguments = ["-x", "-f", archive, "-C", destination]
        if let passphrase { arguments += ["--passphrase", passphrase] }
        // setsid: no controlling terminal, so bsdtar cannot stop to ask for a passphrase.
        return try run("setsid", ["-w", "bsdtar"] + arguments, scratch: scratch)
    }
}
