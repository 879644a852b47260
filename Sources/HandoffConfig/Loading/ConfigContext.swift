import Foundation
import HandoffCore

/// What every decoder needs: the file's name for messages, the root that relative paths
/// resolve against, and the environment that `env:` secrets come from.
struct ConfigContext {
    /// The configuration path as the user gave it, used at the start of every message.
    let displayPath: String
    let rootDirectory: String
    let environment: [String: String]
    /// Where secrets that cannot be read now are noted, when the loader defers them;
    /// nil when every secret must be readable (the loader then throws).
    let deferred: DeferredSecrets?
    /// Every `file:` secret met, for `handoff doctor` to check who else may read it.
    let secretFiles = SecretFileLog()

    /// `path:line:column: message`, or `path: message` for something the file lacks.
    func error(_ message: String, at position: SourcePosition?) -> HandoffError {
        guard let position else { return .config("\(displayPath): \(message)") }
        return .config("\(displayPath):\(position): \(message)")
    }

    func absolutePath(_ path: String) -> String {
        PathResolver.absolute(path, relativeTo: rootDirectory, home: environment["HOME"])
    }

    /// Turns `env:NAME` or `file:PATH` into a ``Secret``. Messages name the key and the
    /// variable or file, never the value: not what was read, not a plain-text secret.
    func resolveSecret(_ reference: String, key: String, at position: SourcePosition) throws(HandoffError) -> Secret {
        if reference.hasPrefix("env:") {
            return try secretFromEnvironment(String(reference.dropFirst(4)), key: key, at: position)
        }
        if reference.hasPrefix("file:") {
            return try secretFromFile(String(reference.dropFirst(5)), key: key, at: position)
        }
        let name = key.split(separator: ".").last.map(String.init) ?? key
        throw error(
            "\(key) must not hold the secret itself: secrets never go in the configuration file. Write \(name) = \"env:VARIABLE\" (read from an environment variable) or \(name) = \"file:PATH\" (read from a file only you can read; relative to \(rootDirectory)).",
            at: position)
    }

    private func secretFromEnvironment(_ name: String, key: String, at position: SourcePosition) throws(HandoffError) -> Secret {
        let isName = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        guard isName else {
            throw error("\(key): the text after 'env:' must be an environment variable name (letters, digits and '_', not starting with a digit).", at: position)
        }
        guard let value = environment[name] else {
            return try unavailable("\(key) is read from the environment variable \(name), which is not set. Set it before starting handoff, or use file:PATH.", at: position, source: "env:\(name)")
        }
        guard !value.isEmpty else {
            return try unavailable("\(key) is read from the environment variable \(name), which is set but empty.", at: position, source: "env:\(name)")
        }
        return Secret(value, source: "env:\(name)")
    }

    /// A secret that cannot be read now: an error, or, when secrets are deferred, noted
    /// and stood in for by an unresolved secret (see ``SecretResolution``).
    private func unavailable(_ message: String, at position: SourcePosition, source: String) throws(HandoffError) -> Secret {
        let failure = error(message, at: position)
        guard let deferred else { throw failure }
        deferred.problems.append(failure.message)
        return Secret(unresolvedFrom: source)
    }

    private func secretFromFile(_ path: String, key: String, at position: SourcePosition) throws(HandoffError) -> Secret {
        guard !path.isEmpty else {
            throw error("\(key): 'file:' must be followed by the path of the file that holds the secret.", at: position)
        }
        let absolute = absolutePath(path)
        let named = path == absolute ? absolute : "\(path) (\(absolute))"
        guard FileManager.default.fileExists(atPath: absolute) else {
            return try unavailable("\(key) is read from the file \(named), which does not exist.", at: position, source: "file:\(absolute)")
        }
        guard !FileSystem.isDirectory(absolute) else {
            throw error("\(key) is read from \(named), which is a folder, not a file.", at: position)
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            return try unavailable("\(key) is read from the file \(named), which can't be read (check its permissions).", at: position, source: "file:\(absolute)")
        }
        guard var value = String(data: data, encoding: .utf8) else {
            throw error("\(key) is read from the file \(named), which is not UTF-8 text.", at: position)
        }
        // Editors and `echo` end files with a newline that is never part of the secret.
        // Scalars, not Characters: CRLF is a single Character and would not match "\n".
        while let last = value.unicodeScalars.last, last == "\n" || last == "\r" { value.unicodeScalars.removeLast() }
        guard !value.isEmpty else {
            throw error("\(key) is read from the file \(named), which is empty.", at: position)
        }
        secretFiles.entries.append(SecretFile(key: key, path: absolute))
        return Secret(value, source: "file:\(absolute)")
    }
}

/// The `file:` secrets a load read, in file order.
final class SecretFileLog {
    var entries: [SecretFile] = []
}

/// The secrets a deferred load could not read, in file order.
final class DeferredSecrets {
    var problems: [String] = []
}
