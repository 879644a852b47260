import Foundation
import HandoffConfig
import HandoffCore
import HandoffTestSupport
import Testing

@Suite("Secrets")
struct SecretTests {
    static let smtp = ConfigFixtures.minimal + """
        [mail]
        transport = "smtp"
        url = "smtp://smtp.example.com"
        username = "pat@va.example"

        """

    private func password(_ config: HandoffConfiguration) -> Secret? {
        guard case .smtp(let settings) = config.mail.transport else { return nil }
        return settings.password
    }

    @Test("env: reads the variable")
    func fromEnvironment() throws {
        let config = try ConfigFixtures.load(Self.smtp + "password = \"env:HANDOFF_SMTP_PASSWORD\"", environment: ["HANDOFF_SMTP_PASSWORD": "s3cret value"])
        #expect(password(config)?.reveal() == "s3cret value")
        #expect(password(config)?.source == "env:HANDOFF_SMTP_PASSWORD")
    }

    @Test(
        "file: reads the file relative to the root and drops the trailing newline", .temporaryFolder,
        arguments: [("s3cret\n", "s3cret"), ("s3cret\r\n", "s3cret"), ("s3cret", "s3cret"), ("  spaced  \n\n", "  spaced  ")])
    func fromFile(contents: String, expected: String) throws {
        try TemporaryFolder.write(contents, to: "secrets/smtp")
        let path = try TemporaryFolder.write(Self.smtp + "password = \"file:secrets/smtp\"", to: "config/handoff.toml")
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(password(config)?.reveal() == expected)
        #expect(password(config)?.source == "file:" + (try TemporaryFolder.path()) + "/secrets/smtp")
    }

    @Test("a plain-text password is refused without being repeated")
    func plainText() {
        let error = ConfigFixtures.error(Self.smtp + "password = \"hunter2\"")
        #expect(error?.message == "config/handoff.toml:7:12: mail.password must not hold the secret itself: secrets never go in the configuration file. Write password = \"env:VARIABLE\" (read from an environment variable) or password = \"file:PATH\" (read from a file only you can read; relative to /srv/va).")
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test("a secret of the wrong type is refused without being repeated")
    func wrongType() {
        let error = ConfigFixtures.error(Self.smtp + "password = 123456789")
        #expect(error?.message == "config/handoff.toml:7:12: mail.password must be a reference like \"env:NAME\" or \"file:PATH\", not an integer.")
    }

    @Test("a URL with credentials is refused without being repeated")
    func credentialsInURL() {
        let error = ConfigFixtures.error(ConfigFixtures.minimal + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://pat:hunter2@smtp.example.com\"")
        #expect(error?.message == "config/handoff.toml:5:7: mail.url must not contain a user name or password; use username and password = \"env:NAME\" instead.")
    }

    @Test("a missing variable is named, with the key and line")
    func missingVariable() {
        let error = ConfigFixtures.error(Self.smtp + "password = \"env:HANDOFF_SMTP_PASSWORD\"", environment: ["OTHER": "x"])
        #expect(error?.message == "config/handoff.toml:7:12: mail.password is read from the environment variable HANDOFF_SMTP_PASSWORD, which is not set. Set it before starting handoff, or use file:PATH.")
    }

    @Test("an empty variable is refused")
    func emptyVariable() {
        let error = ConfigFixtures.error(Self.smtp + "password = \"env:HANDOFF_SMTP_PASSWORD\"", environment: ["HANDOFF_SMTP_PASSWORD": ""])
        #expect(error?.message == "config/handoff.toml:7:12: mail.password is read from the environment variable HANDOFF_SMTP_PASSWORD, which is set but empty.")
    }

    @Test("a bad variable name is refused")
    func badVariableName() {
        let error = ConfigFixtures.error(Self.smtp + "password = \"env:1X\"")
        #expect(error?.message == "config/handoff.toml:7:12: mail.password: the text after 'env:' must be an environment variable name (letters, digits and '_', not starting with a digit).")
    }

    @Test("a missing or empty file is named, with the key and line", .temporaryFolder)
    func missingFile() throws {
        let missing = try TemporaryFolder.write(Self.smtp + "password = \"file:secrets/none\"", to: "config/handoff.toml")
        let error = #expect(throws: HandoffError.self) { try ConfigLoader.load(path: missing, environment: [:]) }
        let root = (try TemporaryFolder.path())
        #expect(error?.message == "\(missing):7:12: mail.password is read from the file secrets/none (\(root)/secrets/none), which does not exist.")

        try TemporaryFolder.write("\n", to: "secrets/empty")
        let empty = try TemporaryFolder.write(Self.smtp + "password = \"file:secrets/empty\"", to: "config/handoff.toml")
        let emptyError = #expect(throws: HandoffError.self) { try ConfigLoader.load(path: empty, environment: [:]) }
        #expect(emptyError?.message == "\(empty):7:12: mail.password is read from the file secrets/empty (\(root)/secrets/empty), which is empty.")
    }

    @Test("a deferred load notes an unreadable secret instead of failing, and says the same")
    func deferred() throws {
        let text = Self.smtp + "password = \"env:HANDOFF_SMTP_PASSWORD\""
        let required = ConfigFixtures.error(text, environment: [:])
        let config = try ConfigFixtures.load(text, environment: [:], secrets: .deferred)
        #expect(config.deferredSecretProblems == [try #require(required?.message)])
        let secret = try #require(password(config))
        #expect(!secret.isResolved)
        #expect(secret.reveal().isEmpty)
        #expect(secret.source == "env:HANDOFF_SMTP_PASSWORD")

        // With the variable set, a deferred load is a full one.
        let full = try ConfigFixtures.load(text, environment: ["HANDOFF_SMTP_PASSWORD": "pw"], secrets: .deferred)
        #expect(full.deferredSecretProblems.isEmpty)
        #expect(password(full)?.isResolved == true)
    }

    @Test("a deferred load still refuses mistakes in the file itself", arguments: [
        "password = \"hunter2\"", "password = \"env:1X\"", "password = 12",
    ])
    func deferredStillChecksTheFile(line: String) {
        let error = #expect(throws: HandoffError.self) { try ConfigFixtures.load(Self.smtp + line, secrets: .deferred) }
        #expect(error?.kind == .config)
    }

    @Test("the IMAP password is a secret too")
    func imapPassword() {
        let error = ConfigFixtures.error(ConfigFixtures.minimal + "[inbox]\nsource = \"imaps://imap.example.com\"\nusername = \"pat\"\npassword = \"letmein\"")
        #expect(error?.message.hasPrefix("config/handoff.toml:6:12: inbox.password must not hold the secret itself") == true)
        #expect(error?.message.contains("letmein") == false)
    }

    @Test("a Secret never prints its value")
    func neverPrinted() throws {
        let secret = Secret("hunter2-value", source: "env:X")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(secret.description == "<redacted>")
        #expect(secret.debugDescription == "<redacted>")
        #expect("password: \(secret)" == "password: <redacted>")
        #expect(Mirror(reflecting: secret).children.isEmpty)
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.reveal() == "hunter2-value")
    }

    @Test("settings holding a Secret print without it")
    func settingsPrintedWhole() throws {
        let config = try ConfigFixtures.load(Self.smtp + "password = \"env:P\"", environment: ["P": "hunter2-value"])
        guard case .smtp(let settings) = config.mail.transport else {
            Issue.record("expected smtp")
            return
        }
        let printed = [String(describing: settings), String(reflecting: settings), "\(config.mail)", String(describing: config)]
        for text in printed {
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(text.contains("<redacted>"), "\(text)")
        }
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }
}
