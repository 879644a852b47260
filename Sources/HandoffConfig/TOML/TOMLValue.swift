/// One parsed TOML value and where it was written.
public struct TOMLValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        /// Offset or local date-times, local dates and local times (see ``TOMLDateTime``).
        case datetime(TOMLDateTime)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    /// Where the value starts; for a `[table]` or `[[table]]`, where its header starts.
    public var position: SourcePosition

    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// The kind with its article ("a string", "an integer"), for messages.
    public var kindName: String {
        switch kind {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .datetime: "a date-time"
        case .array: "an array"
        case .table: "a table"
        }
    }

    public var stringValue: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    public var tableValue: TOMLTable? {
        if case .table(let value) = kind { return value }
        return nil
    }

    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = kind { return value }
        return nil
    }
}
