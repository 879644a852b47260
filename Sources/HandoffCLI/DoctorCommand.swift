import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configuration, its secrets and folders, and reach every configured server.",
        discussion: "Sends nothing. Exits non-zero when a check fails."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the checks as JSON.")
    var json = false

    struct Check: Codable {
        var name: String
        var ok: Bool
        var detail: String
        /// For a failed check of a server: `unavailable` when it could not be reached or
        /// did not answer, `config` when a setting is wrong. Absent for local checks.
        var failure: String?
        /// True for a finding worth a look that does not fail doctor (`ok` stays true).
        var warning: Bool?
    }

    func run() async throws {
        let checks = try await reportingErrors { () throws(HandoffError) in
            let config = try global.loadConfiguration(secrets: .required)
            var checks = [Check(name: "config", ok: true, detail: "\(config.filePath) is valid (\(config.projects.count) project\(config.projects.count == 1 ? "" : "s"))")]
            checks.append(Self.writableFolder("data folder", config.gateway.dataDirectory))
            checks.append(Self.writableFolder("outbox", config.gateway.outboxDirectory))
            switch config.mail.transport {
            case .file(let directory):
                checks.append(Self.writableFolder("mail (file transport)", directory))
            case .smtp(let settings):
                checks += await Self.smtpChecks(config, settings, logger: global.makeLogger())
            }
            for project in config.projects {
                let folder = (config.gateway.outboxDirectory as NSString).appendingPathComponent(project.id.rawValue)
                let allow = project.allow.map(\.description).joined(separator: ", ")
                let contacts = project.contacts.map(\.address).joined(separator: ", ")
                checks.append(Check(
                    name: "project \(project.id)", ok: true,
                    detail: "contacts: \(contacts.isEmpty ? "none" : contacts); allow: \(allow); outbox folder \(FileManager.default.fileExists(atPath: folder) ? "present" : "will be created on first use")"))
            }
            for stray in Gateway.strayOutboxFolders(config) {
                checks.append(Check(name: "outbox folder \(stray.projectName)", ok: true, detail: stray.message, warning: true))
            }
            for finding in ConfigAudit.findings(for: config) {
                let failed = finding.severity == .failure
                checks.append(Check(
                    name: finding.name, ok: !failed, detail: finding.detail,
                    failure: failed ? HandoffError.Kind.config.rawValue : nil, warning: failed ? nil : true))
            }
            do throws(HandoffError) {
                let gateway = try Gateway(config: config, logger: global.makeLogger())
                let counts = try gateway.store.jobCounts()
                let summary = JobState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }.joined(separator: ", ")
                checks.append(Check(name: "store", ok: true, detail: "\(gateway.store.path) opens; jobs: \(summary.isEmpty ? "none" : summary)"))
                checks += await Self.inboxChecks(gateway)
            } catch {
                checks.append(Check(name: "store", ok: false, detail: error.message))
            }
            return checks
        }
        if json {
            try printJSON(checks)
        } else {
            for check in checks { say("\(check.ok ? (check.warning == true ? "WARN" : "ok  ") : "FAIL")  \(check.name): \(check.detail)") }
        }
        let failed = checks.filter { !$0.ok }
        if !failed.isEmpty {
            // A setting to fix outranks a server that is down (69): that exit says "try
            // again later" to a script, and only when nothing else is wrong.
            let onlyUnreachable = failed.allSatisfy { $0.failure == HandoffError.Kind.unavailable.rawValue || $0.failure == HandoffError.Kind.temporary.rawValue }
            throw ExitCode((onlyUnreachable ? HandoffError.Kind.unavailable : .config).exitCode)
        }
    }

    static func writableFolder(_ name: String, _ path: String) -> Check {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            return Check(name: name, ok: false, detail: "cannot create \(path): \(error.localizedDescription)")
        }
        let probe = (path as NSString).appendingPathComponent(".handoff-doctor-\(getpid())")
        guard manager.createFile(atPath: probe, contents: Data()) else {
            return Check(name: name, ok: false, detail: "\(path) is not writable")
        }
        try? manager.removeItem(atPath: probe)
        return Check(name: name, ok: true, detail: "\(path) is writable")
    }
}
