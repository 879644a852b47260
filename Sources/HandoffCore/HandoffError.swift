/// The one error type every Handoff module throws at its boundary.
///
/// A person reads `message`: it names the thing (file and line, key, address, path) and the
/// way out. `kind` decides the process exit status, following sysexits(3), so scripts can
/// tell "fix your config" from "try again later".
public struct HandoffError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The command line was wrong (exit 64).
        case usage
        /// Input data was wrong: a path, an archive, a mail, a refused recipient (exit 65).
        case badInput
        /// A service needed for the work is not reachable or refused us (exit 69).
        case unavailable
        /// A bug or an impossible state inside Handoff (exit 70).
        case `internal`
        /// A temporary failure: the same call may work later (exit 75).
        case temporary
        /// The configuration is wrong (exit 78).
        case config

        /// The process exit status for this kind (sysexits.h values).
        public var exitCode: Int32 {
            switch self {
            case .usage: 64
            case .badInput: 65
            case .unavailable: 69
            case .internal: 70
            case .temporary: 75
            case .config: 78
            }
        }
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The process exit status for this error (sysexits.h values).
    public var exitCode: Int32 { kind.exitCode }

    public static func usage(_ message: String) -> HandoffError { .init(.usage, message) }
    public static func badInput(_ message: String) -> HandoffError { .init(.badInput, message) }
    public static func unavailable(_ message: String) -> HandoffError { .init(.unavailable, message) }
    public static func `internal`(_ message: String) -> HandoffError { .init(.internal, message) }
    public static func temporary(_ message: String) -> HandoffError { .init(.temporary, message) }
    public static func config(_ message: String) -> HandoffError { .init(.config, message) }
}
