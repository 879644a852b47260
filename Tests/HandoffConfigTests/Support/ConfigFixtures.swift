import HandoffConfig
import HandoffCore
import Testing

/// Loading from text as if the file were `/srv/va/config/handoff.toml`, shown to the user
/// as `config/handoff.toml`: root is `/srv/va`.
enum ConfigFixtures {
    static let displayPath = "config/handoff.toml"
    static let absolutePath = "/srv/va/config/handoff.toml"
    static let root = "/srv/va"

    static let minimal = """
        [gateway]
        sender = "pat@va.example"

        """

    static func load(
        _ text: String, environment: [String: String] = [:], secrets: SecretResolution = .required
    ) throws(HandoffError) -> HandoffConfiguration {
        try ConfigLoader.load(contents: text, path: displayPath, absolutePath: absolutePath, environment: environment, secrets: secrets)
    }

    /// The error loading `text` gives; records an issue when it loads.
    static func error(
        _ text: String, environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) -> HandoffError? {
        let error = #expect(throws: HandoffError.self, sourceLocation: sourceLocation) { try load(text, environment: environment) }
        #expect(error?.kind == .config, sourceLocation: sourceLocation)
        #expect(error?.exitCode == 78, sourceLocation: sourceLocation)
        return error
    }
}
