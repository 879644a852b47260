/// A resolved secret (password, token, key) that cannot be printed by accident.
///
/// `description`, `debugDescription`, string interpolation, `dump` and the default printing
/// of any struct holding one all show `<redacted>`: secrets must never reach logs, errors,
/// receipts or `--json` output. Only the code that hands it to a server calls `reveal()`.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String
    /// Where the secret came from, e.g. `env:HANDOFF_SMTP_PASSWORD` or `file:/srv/handoff/smtp`:
    /// safe to show (`handoff doctor` says which variable or file it read).
    public let source: String

    /// False for a secret the configuration names but that could not be read when it was
    /// loaded for a command that talks to no server (see the loader's `SecretResolution`).
    public let isResolved: Bool

    public init(_ value: String, source: String) {
        self.value = value
        self.source = source
        isResolved = true
    }

    /// A stand-in for a secret not read: it reveals nothing (an empty string).
    public init(unresolvedFrom source: String) {
        value = ""
        self.source = source
        isResolved = false
    }

    /// The secret itself, for the transport that sends it to a server and nothing else.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    /// No children, so reflection-based printing (`dump`, debuggers) has nothing to show.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
