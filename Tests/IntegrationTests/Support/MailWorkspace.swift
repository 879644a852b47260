import Foundation
import HandoffConfig
import HandoffCore
import HandoffStore
import Logging
@testable import HandoffGateway

/// A throwaway Handoff installation whose mail goes to a real SMTP server of the stack
/// (or to a fault server), removed when the test ends.
final class MailWorkspace {
    let root: String
    let stack: TestStack

    /// Values for `env:NAME` secrets in `mail`, besides the two passwords every workspace has.
    let secrets: [String: String]

    /// - Parameters:
    ///   - url: the SMTP URL (default: the stack's submission port, STARTTLS + AUTH).
    ///   - login: extra `[mail]` lines; default logs in as the VA with the password from
    ///     the environment given to the loader (never written in the file).
    ///   - gateway: extra `[gateway]` lines.
    ///   - secrets: more environment for the loader, for the `env:NAME` values in `mail`.
    init(
        stack: TestStack, url: String? = nil, mail: String? = nil, timeout: Int = 30, project: String = "", inbox: String = "",
        gateway: String = "", secrets: [String: String] = [:]
    ) throws {
        self.stack = stack
        self.secrets = secrets
        root = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-it-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        let mailLines = mail ?? Self.login(stack)
        let config = """
            [gateway]
            data_dir = "var"
            outbox = "outbox"
            sender = "Pat Example <\(stack["VA_USER"])>"
            workers = 1
            \(gateway)

            [mail]
            transport = "smtp"
            url = "\(url ?? stack.submissionURL)"
            timeout_seconds = \(timeout)
            max_attachment_mb = 100
            \(mailLines)

            \(inbox)

            [queue]
            max_attempts = 4
            backoff_base_seconds = 60
            backoff_cap_seconds = 120

            [projects.acme]
            name = "Acme Realty"
            contacts = ["Dana Client <\(stack["CLIENT_USER"])>"]
            allow = ["acme.test", "other.test"]
            deliver = "email"
            \(project)
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: root + "/config/handoff.toml"))
    }

    /// `[mail]` lines logging in as the VA: the password from the environment variable
    /// named (the right one by default), and `ca_file` when given (the stack's CA by default).
    static func login(_ stack: TestStack, password: String = "HANDOFF_TEST_SMTP_PASSWORD", caFile: String?? = .none) -> String {
        let ca = caFile ?? stack.caFile
        return """
            username = "\(stack["VA_USER"])"
            password = "env:\(password)"
            \(ca.map { "ca_file = \"\($0)\"" } ?? "")
            """
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    var environment: [String: String] {
        ["HANDOFF_TEST_SMTP_PASSWORD": stack["VA_PASSWORD"], "HANDOFF_TEST_WRONG_PASSWORD": "not-the-password"]
            .merging(secrets) { _, given in given }
    }

    func configuration() throws -> HandoffConfiguration {
        try ConfigLoader.load(path: root + "/config/handoff.toml", environment: environment)
    }

    func gateway() throws -> Gateway {
        var logger = Logger(label: "handoff.integration")
        logger.logLevel = .critical
        return try Gateway(config: try configuration(), logger: logger)
    }

    /// A deliverable folder of the given files; returns its path.
    func deliverable(_ name: String, files: [String: Data]) throws -> String {
        let folder = root + "/work/" + name
        for (file, data) in files {
            let path = folder + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        }
        return folder
    }
}

extension Gateway {
    /// Runs every job due at `now` once, in this process, as the queue worker would; `now`
    /// lets a test jump past a retry's backoff without waiting for it.
    func runDueJobs(at now: Date = Date()) async throws -> [HandoffError] {
        var errors: [HandoffError] = []
        let identity = WorkerIdentity.current(index: 0)
        while let job = try await store.claimJob(kinds: jobs.kinds, worker: identity.description, leaseSeconds: 300, now: now) {
            if let error = await run(job, identity: identity) { errors.append(error) }
        }
        return errors
    }

    /// The job of a handoff, and the handoff's row.
    func state(of id: HandoffID) throws -> (handoff: HandoffRecord, job: JobRecord) {
        guard let handoff = try store.handoff(id), let job = try store.job(forHandoff: id) else {
            throw HandoffError.internal("handoff \(id) or its job is missing")
        }
        return (handoff, job)
    }
}
