import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore
import Logging

/// Options every command that reads the configuration takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $HANDOFF_CONFIG, else config/handoff.toml).", valueName: "path"))
    var config: String?

    @Flag(name: [.short, .long], help: "Log progress to standard error.")
    var verbose = false

    /// The configuration, located and loaded as DESIGN's CLI contract says. Commands that
    /// talk to servers need every secret (`.required`); the ones that only work on the
    /// local store load with `.deferred`, so a missing mail password never stops a clock.
    func loadConfiguration(secrets: SecretResolution) throws(HandoffError) -> HandoffConfiguration {
        let console = Console.current
        let environment = console.environment
        let path = ConfigLocator.locate(explicit: config, environment: environment, currentDirectory: console.currentDirectory)
        return try ConfigLoader.load(path: path, environment: environment, secrets: secrets)
    }

    func makeLogger(defaultLevel: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: "handoff", factory: Console.current.logHandler)
        logger.logLevel = verbose ? .info : defaultLevel
        return logger
    }

    /// The store for a command that only reads it: opened read-only when this user may
    /// not write to it, so a backup or a shared copy can still be checked.
    func openStoreForReading() throws(HandoffError) -> (HandoffConfiguration, HandoffStore) {
        let config = try loadConfiguration(secrets: .deferred)
        let folder = config.gateway.dataDirectory
        if HandoffStore.isWritable(dataDirectory: folder) {
            return (config, try openGateway(secrets: .deferred).store)
        }
        // The anchor is checked when its key can be read; a store that cannot be written
        // cannot have been given one since, so nothing is lost when it cannot.
        return (config, try HandoffStore(readingDataDirectory: folder, anchor: try? Gateway.ledgerAnchor(config), wording: HandoffError.init(worded:)))
    }

    func openGateway(secrets: SecretResolution, defaultLogLevel: Logger.Level = .warning) throws(HandoffError) -> Gateway {
        try Gateway(config: loadConfiguration(secrets: secrets), logger: makeLogger(defaultLevel: defaultLogLevel))
    }
}

/// Runs a command body, turning a HandoffError into its message on standard error and its
/// exit code, so every failure looks the same to a person and to a script.
func reportingErrors<T>(_ body: () async throws(HandoffError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        Console.current.write("handoff: \(TerminalText.escaped(error.message, keepingNewlines: true))\n", to: .error)
        throw ExitCode(error.exitCode)
    }
}

/// Prints text for a person on standard output: control characters that came with a
/// memo, subject or file name are shown escaped (see `TerminalText`), never sent raw.
func say(_ text: String, terminator: String = "\n") {
    Console.current.write(TerminalText.escaped(text, keepingNewlines: true) + terminator)
}

/// The VA's wall clock from `TZ`; a `TZ` that names no known zone is said on standard
/// error rather than silently read as another zone.
func localClock() -> WallClock {
    let environment = Console.current.environment
    if let warning = WallClock.unknownZoneWarning(environment: environment) {
        Console.current.write("warning: \(TerminalText.escaped(warning))\n", to: .error)
    }
    return WallClock.local(environment: environment)
}

/// Prints one JSON document on standard output.
func printJSON<T: Encodable>(_ value: T, to stream: ConsoleStream = .output) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    Console.current.write(data + Data("\n".utf8), stream)
}

extension EmailAddress {
    /// For `--to`, `--cc` and `--bcc`: the parser's reason (a second '@', a '%', non-ASCII)
    /// reaches the person, where a failed ExpressibleByArgument would only say "invalid".
    static func fromArgument(_ text: String) throws -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

extension DeliveryRoute: ExpressibleByArgument {}
extension ArchiveFormat: ExpressibleByArgument {}
extension CompressionPolicy: ExpressibleByArgument {}
