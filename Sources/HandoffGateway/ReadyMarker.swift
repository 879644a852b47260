import Foundation
import HandoffStore
import HandoffConfig
import HandoffCore

/// The `READY` file in an outbox folder: its presence says "this folder is complete, send
/// it"; its lines may override the project's defaults.
///
/// ```
/// # lines starting with '#' are comments
/// to: client@acme.example, boss@acme.example
/// via: link
/// message: The signed lease is in the folder.
/// request: R-12
/// ```
public struct ReadyMarker: Sendable, Equatable {
    public var to: [EmailAddress] = []
    public var cc: [EmailAddress] = []
    public var via: DeliveryRoute?
    public var message: String?
    public var request: String?
    public var encrypt: Bool?

    public static let fileName = "READY"
    static let keys = ["to", "cc", "via", "message", "request", "encrypt"]

    public init() {}

    /// Parses the marker's text; `path` is only used in error messages.
    public init(parsing text: String, path: String) throws(HandoffError) {
        try self.init(lines: try Self.lines(of: Data(text.utf8), path: path), path: path)
    }

    /// Parses the marker's lines (see `lines(of:path:)`), numbered from 1 in messages.
    init(lines: [String], path: String) throws(HandoffError) {
        var messageLines: [String] = []
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw .badInput("\(path):\(index + 1): expected 'key: value' (keys: \(Self.keys.joined(separator: ", "))), found '\(line)'.")
            }
            let key = line[..<colon].trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            switch key {
            case "to", "cc":
                var addresses: [EmailAddress] = []
                for part in value.split(separator: ",") where !part.trimmingWhitespace().isEmpty {
                    do {
                        addresses.append(try EmailAddress(parsing: String(part)))
                    } catch {
                        throw .badInput("\(path):\(index + 1): \(error.message)")
                    }
                }
                if key == "to" { to += addresses } else { cc += addresses }
            case "via":
                guard let route = DeliveryRoute(rawValue: value.lowercased()) else {
                    throw .badInput("\(path):\(index + 1): via must be email, link or auto, not '\(value)'.")
                }
                via = route
            case "message":
                messageLines.append(value)
            case "request":
                request = value.isEmpty ? nil : value
            case "encrypt":
                switch value.lowercased() {
                case "yes", "true", "1": encrypt = true
                case "no", "false", "0": encrypt = false
                default: throw .badInput("\(path):\(index + 1): encrypt must be yes or no, not '\(value)'.")
                }
            default:
                throw .badInput("\(path):\(index + 1): unknown key '\(key)' (known: \(Self.keys.joined(separator: ", "))).")
            }
        }
        if !messageLines.isEmpty { message = messageLines.joined(separator: "\n") }
    }
}
