import HandoffCore

/// One thing `handoff doctor` found in a configuration that loads but may send work
/// where it should not go.
public struct ConfigFinding: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable {
        /// Worth a look; doctor still passes.
        case warning
        /// Doctor fails with exit 78: the setting must change.
        case failure
    }

    public var severity: Severity
    public var name: String
    public var detail: String

    public init(_ severity: Severity, _ name: String, _ detail: String) {
        self.severity = severity
        self.name = name
        self.detail = detail
    }
}

/// The checks behind `handoff doctor`'s warnings about allow rules and secret files. Pure:
/// the public suffix list and the files' modes come in as values.
public enum ConfigAudit {
    /// An allow rule that covers a public suffix fails: `*.com` or `co.uk` lets the
    /// recipient guard pass mail to anybody who registers a domain there, so the guard no
    /// longer guards. No client's addresses need it; naming their domain always works.
    public static func publicSuffixRules(_ projects: [Project], suffixes: PublicSuffixList) -> [ConfigFinding] {
        projects.flatMap { project in
            project.allow.compactMap { rule -> ConfigFinding? in
                let domain: String
                switch rule {
                case .address: return nil
                case .domain(let name), .domainAndSubdomains(let name): domain = name
                }
                guard suffixes.isPublicSuffix(domain) else { return nil }
                return ConfigFinding(
                    .failure, "allow \(project.id)",
                    "'\(rule)' in [projects.\(project.id)] allow covers '\(domain)', a public suffix: anybody can register a domain there and receive this project's work. Allow the client's own domain (client.example) or addresses instead.")
            }
        }
    }

    /// Two projects whose allow rules let the same address through warn: one client's
    /// work could go to the other client within the guard. Only a warning, since two
    /// projects for one client (two contracts, one company) share a domain on purpose.
    public static func overlappingRules(_ projects: [Project]) -> [ConfigFinding] {
        var findings: [ConfigFinding] = []
        for (index, first) in projects.enumerated() {
            for second in projects[(index + 1)...] {
                for one in first.allow {
                    for two in second.allow where one.overlaps(two) {
                        findings.append(ConfigFinding(
                            .warning, "allow \(first.id) / \(second.id)",
                            "'\(one)' in [projects.\(first.id)] and '\(two)' in [projects.\(second.id)] allow some of the same addresses, so work for one project could go to the other's client. Fine if both projects are for the same client; otherwise narrow one of the rules."))
                    }
                }
            }
        }
        return findings
    }

    /// A `file:` secret others can read: any user on the machine (mode & 0o007) fails,
    /// since the password is then theirs too; the file's group only (mode & 0o070) warns,
    /// since a group shared with a service account can be deliberate.
    /// `mode` gives a file's permission bits, or nil when it cannot be looked at.
    public static func secretFilePermissions(_ files: [SecretFile], mode: (String) -> UInt32?) -> [ConfigFinding] {
        files.compactMap { file in
            guard let bits = mode(file.path), bits & 0o077 != 0 else { return nil }
            let octal = String(bits & 0o777, radix: 8)
            let who = bits & 0o007 != 0 ? "every user on this machine" : "the file's group"
            return ConfigFinding(
                bits & 0o007 != 0 ? .failure : .warning, "secret \(file.key)",
                "\(file.path) (\(file.key)) has mode \(octal): \(who) can read the secret. Run chmod 600 \(file.path).")
        }
    }
}
