import Foundation
import HandoffConfig
import HandoffCore
import HandoffTestSupport
import Testing

@Suite("What doctor finds in a configuration that loads")
struct ConfigAuditTests {
    /// A few lines in the list's own format: plain rules, a wildcard, an exception, and a
    /// private-section suffix.
    static let suffixes = PublicSuffixList(text: """
        // ===BEGIN ICANN DOMAINS===
        com
        uk
        co.uk
        *.ck
        !www.ck
        // ===BEGIN PRIVATE DOMAINS===
        github.io
        """)

    private func project(_ id: String, _ allow: [String]) throws -> Project {
        Project(id: try ProjectID(id), name: id, contacts: [], allow: try allow.map(AllowRule.init(parsing:)))
    }

    @Test("public suffixes: listed, wildcard, implicit single label; exceptions and real domains are not", arguments: [
        ("com", true), ("co.uk", true), ("github.io", true), ("anything.ck", true), ("test", true),
        ("www.ck", false), ("acme.com", false), ("acme.co.uk", false), ("pat.github.io", false),
    ])
    func suffix(domain: String, isSuffix: Bool) {
        #expect(Self.suffixes.isPublicSuffix(domain) == isSuffix)
    }

    @Test("an allow rule covering a public suffix fails; the client's own domain does not", arguments: [
        ("*.com", true), ("*.co.uk", true), ("co.uk", true), ("*.github.io", true),
        ("acme.com", false), ("*.acme.co.uk", false), ("dana@co.uk", false),
    ])
    func publicSuffixRule(rule: String, fails: Bool) throws {
        let findings = ConfigAudit.publicSuffixRules([try project("acme", ["acme.test", rule])], suffixes: Self.suffixes)
        #expect(findings.count == (fails ? 1 : 0))
        if fails {
            #expect(findings.first?.severity == .failure)
            #expect(findings.first?.detail.contains("'\(rule)'") == true)
            #expect(findings.first?.detail.contains("[projects.acme]") == true)
        }
    }

    @Test("the built-in list stands in for a missing file, with a note")
    func missingList() {
        let (list, note) = PublicSuffixList.loadSystem(path: "/nonexistent/public_suffix_list.dat")
        #expect(list.isPublicSuffix("com"))
        #expect(list.isPublicSuffix("co.uk"))
        #expect(note?.contains("publicsuffix") == true)
    }

    @Test("two projects that allow some of the same addresses warn, naming both rules", arguments: [
        (["acme.test"], ["acme.test"], true),
        (["dana@acme.test"], ["acme.test"], true),
        (["dana@eu.acme.test"], ["*.acme.test"], true),
        (["eu.acme.test"], ["*.acme.test"], true),
        (["*.eu.acme.test"], ["*.acme.test"], true),
        (["dana@acme.test"], ["DANA@acme.test"], true),
        (["acme.test"], ["eu.acme.test"], false),
        (["dana@acme.test"], ["bob@acme.test"], false),
        (["acme.test"], ["notacme.test"], false),
        (["*.acme.test"], ["*.rival.test"], false),
    ] as [([String], [String], Bool)])
    func overlap(first: [String], second: [String], overlaps: Bool) throws {
        let findings = ConfigAudit.overlappingRules([try project("acme", first), try project("rival", second)])
        #expect(findings.count == (overlaps ? 1 : 0))
        if overlaps {
            #expect(findings.first?.severity == .warning)
            #expect(findings.first?.detail.contains("[projects.acme]") == true)
            #expect(findings.first?.detail.contains("[projects.rival]") == true)
        }
    }

    @Test("a secret file others can read: every user fails, the group warns, 0600 passes", arguments: [
        (0o600 as UInt32, nil as ConfigFinding.Severity?), (0o400, nil), (0o640, .warning), (0o604, .failure), (0o644, .failure),
    ])
    func secretMode(mode: UInt32, severity: ConfigFinding.Severity?) {
        let file = SecretFile(key: "mail.password", path: "/srv/va/secrets/smtp")
        let findings = ConfigAudit.secretFilePermissions([file], mode: { _ in mode })
        #expect(findings.first?.severity == severity)
        if severity != nil {
            #expect(findings.first?.detail.contains("chmod 600 /srv/va/secrets/smtp") == true)
            #expect(findings.first?.detail.contains("mail.password") == true)
        }
    }

    @Test("the loader lists the file: secrets it read, and the audit reads their modes", .temporaryFolder)
    func secretFilesFromLoader() throws {
        let secret = try TemporaryFolder.write("s3cret\n", to: "secrets/smtp")
        #expect(chmod(secret, 0o644) == 0)
        let path = try TemporaryFolder.write(SecretTests.smtp + "password = \"file:secrets/smtp\"", to: "config/handoff.toml")
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.secretFiles == [SecretFile(key: "mail.password", path: (try TemporaryFolder.path()) + "/secrets/smtp")])
        let findings = ConfigAudit.findings(for: config, suffixListPath: "/nonexistent/list")
        #expect(findings.contains { $0.name == "secret mail.password" && $0.severity == .failure })
        #expect(findings.contains { $0.name == "public suffix list" && $0.severity == .warning })
    }
}
