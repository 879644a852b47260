import Foundation
import HandoffCore

/// `manifest.json`: the package's `Manifest`, as JSON with sorted keys, indented, and with
/// slashes left alone, so it reads well and the same package always gives the same bytes.
enum ManifestJSON {
    static let fileName = "manifest.json"

    static func encode(_ manifest: Manifest) throws(HandoffError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(manifest))
        } catch {
            throw .internal("Encoding manifest.json failed: \(error).")
        }
    }

    static func decode(_ bytes: [UInt8], archive: String) throws(HandoffError) -> Manifest {
        do {
            return try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            throw .badInput("The manifest.json in '\(archive)' is not a Handoff manifest: \(error).")
        }
    }
}
