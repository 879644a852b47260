import Foundation
import Testing

/// The servers `scripts/teststack up` started on 127.0.0.1, read from `var/teststack/env`.
///
/// When the file is missing the integration tests fail, naming the command to run: a
/// suite that silently skips looks green on a machine where nothing was tested. Run
/// `make test` (which starts the stack), or `scripts/teststack up` before `swift test`;
/// `swift test --skip IntegrationTests` runs the unit tests alone.
struct TestStack: Sendable {
    let values: [String: String]

    static let repositoryRoot: String = {
        // …/Tests/IntegrationTests/Support/TestStack.swift → the repository root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var envFile: String { repositoryRoot + "/var/teststack/env" }

    static func load() throws -> TestStack {
        guard let text = try? String(contentsOfFile: envFile, encoding: .utf8) else {
            throw StackMissing()
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return TestStack(values: values)
    }

    struct StackMissing: Error, CustomStringConvertible {
        var description: String {
            "The test servers are not running: \(TestStack.envFile) does not exist. Run `scripts/teststack up` (as root) first, or `make test`, which starts and stops them. To run only the unit tests: swift test --skip IntegrationTests."
        }
    }

    subscript(_ key: String) -> String {
        guard let value = values["TESTSTACK_" + key] else {
            Issue.record("TESTSTACK_\(key) is missing from \(TestStack.envFile); run scripts/teststack up again.")
            return ""
        }
        return value
    }

    var submissionURL: String { self["SUBMISSION_URL"] }
    var smtpsURL: String { self["SMTPS_URL"] }
    var smtpURL: String { self["SMTP_URL"] }
    var imapsURL: String { self["IMAPS_URL"] }
    var caFile: String { self["CA_FILE"] }
    var badCAFile: String { self["BAD_CA_FILE"] }
    var serverCertificate: String { self["DIR"] + "/tls/server.crt" }
    var serverKey: String { self["DIR"] + "/tls/server.key" }
    var smtpSink: String { self["SMTP_SINK"] }
    var sizeLimit: Int64 { Int64(self["MESSAGE_SIZE_LIMIT"]) ?? 0 }
    var bounceAddress: String { self["BOUNCE_ADDRESS"] }
}
