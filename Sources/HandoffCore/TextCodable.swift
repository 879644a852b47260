/// A value stored and exchanged as its text: decoded through the same check that reads it
/// from a person (`init(parsing:)`), so a store or JSON file can never hold one the
/// configuration would refuse, and encoded as `codableText`, so stored values read like
/// what a person writes.
public protocol TextCodable: Codable {
    init(parsing text: String) throws(HandoffError)
    /// The text the value is stored as.
    var codableText: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codableText)
    }
}
