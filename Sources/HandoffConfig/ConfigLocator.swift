/// Finds the configuration file the way the CLI documents it.
public enum ConfigLocator {
    public static let environmentVariable = "HANDOFF_CONFIG"
    public static let defaultRelativePath = "config/handoff.toml"

    /// `--config PATH`, else `$HANDOFF_CONFIG`, else `config/handoff.toml` under the
    /// current folder; always absolute (relative ones against `currentDirectory`).
    public static func locate(explicit: String?, environment: [String: String], currentDirectory: String) -> String {
        let chosen = [explicit, environment[environmentVariable]].compactMap { $0 }.first { !$0.isEmpty } ?? defaultRelativePath
        return PathResolver.absolute(chosen, relativeTo: currentDirectory, home: environment["HOME"])
    }
}
