import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail
import Logging
import Testing
@testable import HandoffGateway

/// `handoff doctor` against the stack's real Postfix: every step reported, nothing sent.
@Suite("SMTP checks for handoff doctor")
struct SMTPDoctorTests {
    let stack: TestStack

    init() throws {
        stack = try TestStack.load()
    }

    /// The `[mail]` settings of a workspace, and the probe a doctor run makes with them.
    func probe(_ workspace: MailWorkspace) async throws -> (SMTPProbeReport, [ServerCheck]) {
        let config = try workspace.configuration()
        guard case .smtp(let settings) = config.mail.transport else {
            throw HandoffError.internal("the workspace does not send by SMTP")
        }
        var logger = Logger(label: "handoff.integration")
        logger.logLevel = .critical
        let transport = try SMTPTransport(Gateway.smtpConfiguration(config, settings, logger: logger), logger: logger)
        let report = try await transport.probe()
        return (report, await Gateway.checkSMTP(config, settings, logger: logger))
    }

    @Test("a good login: connect, STARTTLS, EHLO, AUTH and SIZE all pass, and no message is begun")
    func goodLogin() async throws {
        let (report, checks) = try await probe(try MailWorkspace(stack: stack))
        #expect(report.failure == nil)
        #expect(report.steps.map(\.name) == ["connect", "tls", "ehlo", "auth", "size"])
        let allOK = report.steps.allSatisfy { $0.ok }
        #expect(allOK, "\(report.steps)")
        #expect(report.steps.first { $0.name == "tls" }?.detail == "STARTTLS, certificate verified")
        #expect(report.steps.first { $0.name == "auth" }?.detail == "logged in as \(stack["VA_USER"])")
        #expect(report.sizeLimit == Int64(stack["MESSAGE_SIZE_LIMIT"]))
        // The server saw no MAIL FROM, RCPT TO or DATA: only NOOP after the login.
        #expect(!report.startedAMessage)
        #expect(report.otherCommands == ["NOOP"])
        // The server's 30 MB is below the workspace's max_attachment_mb = 100: said once more.
        #expect(checks.map(\.name) == ["smtp connect", "smtp tls", "smtp ehlo", "smtp auth", "smtp size", "smtp size"])
        #expect(checks.last?.detail.contains("the lower one applies") == true)
        let checksOK = checks.allSatisfy { $0.ok }
        #expect(checksOK)
    }

    // No test ever creates "Doctor Check": only doctor looks at it, and looking creates nothing.
    @Test("sent_folder: doctor logs in to its server and says whether the folder is there", arguments: [
        ("INBOX", "copies go to INBOX"),
        ("Doctor Check", "Doctor Check does not exist yet and is created with the first copy"),
    ])
    func sentFolder(folder: String, expected: String) async throws {
        let workspace = try MailWorkspace(stack: stack, mail: MailWorkspace.login(stack) + "\nsent_folder = \"\(stack.imapsURL)/\(folder)\"")
        let (_, checks) = try await probe(workspace)
        let check = try #require(checks.first { $0.name == "sent folder" })
        #expect(check.ok, "\(check.detail)")
        #expect(check.detail == "logged in as \(stack["VA_USER"]) at 127.0.0.1; \(expected)")
        // Looking changed nothing: a folder that was not there still is not.
        let again = try await probe(workspace).1.first { $0.name == "sent folder" }
        #expect(again?.detail == check.detail)
    }

    @Test("sent_folder with a wrong password: its own failed check, a setting to fix")
    func sentFolderWrongPassword() async throws {
        let workspace = try MailWorkspace(
            stack: stack, mail: MailWorkspace.login(stack, password: "HANDOFF_TEST_WRONG_PASSWORD") + "\nsent_folder = \"\(stack.imapsURL)/Sent\"")
        let (_, checks) = try await probe(workspace)
        let check = try #require(checks.first { $0.name == "sent folder" })
        #expect(!check.ok)
        #expect(check.failure == .config)
        #expect(check.detail.hasPrefix("Cannot log in to the sent folder's server as \(stack["VA_USER"]) at 127.0.0.1"))
    }

    @Test("a wrong password: the auth step fails, once, saying who and where and what to check")
    func wrongPassword() async throws {
        let workspace = try MailWorkspace(stack: stack, mail: MailWorkspace.login(stack, password: "HANDOFF_TEST_WRONG_PASSWORD"))
        let (report, checks) = try await probe(workspace)
        #expect(report.steps.first { $0.name == "auth" }?.ok == false)
        #expect(report.failure?.kind == .config)
        #expect(!report.startedAMessage)
        let failed = checks.filter { !$0.ok }
        #expect(failed.map(\.name) == ["smtp auth"])
        #expect(failed.first?.detail.hasPrefix("authentication failed for \(stack["VA_USER"]) at 127.0.0.1: 535") == true)
        #expect(failed.first?.detail.contains("Check username and password") == true)
        #expect(failed.first?.failure == .config)
    }

    @Test("a server certificate from an unknown CA: TLS fails and the check points at ca_file",
          arguments: ["SUBMISSION", "SMTPS"])
    func unknownCA(port: String) async throws {
        let workspace = try MailWorkspace(stack: stack, url: stack["\(port)_URL"], mail: MailWorkspace.login(stack, caFile: stack.badCAFile))
        let (report, checks) = try await probe(workspace)
        #expect(report.failure?.kind == .config)
        // The handshake is what failed (after a 220 to STARTTLS, or straight away on the
        // implicit-TLS port); nothing after it, not even an EHLO answered in clear, is
        // reported as if it counted.
        #expect(report.steps.map(\.name) == ["connect", "tls"])
        #expect(report.steps.last?.ok == false)
        let failed = checks.filter { !$0.ok }
        #expect(failed.map(\.name) == ["smtp tls"])
        #expect(failed.first?.detail.contains("TLS with 127.0.0.1:\(stack["\(port)_PORT"]) failed") == true)
        #expect(failed.first?.detail.contains("ca_file") == true)
    }
}
