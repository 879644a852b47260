/// A TOML table that keeps its keys in the order they were written, each with the position
/// of the key itself.
///
/// Order matters to people reading `handoff doctor` output and to the projects list (shown
/// as configured); key positions let "unknown key" errors point at the key, not its value.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let keyPosition: SourcePosition
        public let value: TOMLValue

        public init(key: String, keyPosition: SourcePosition, value: TOMLValue) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    public private(set) var entries: [Entry] = []
    private var indexByKey: [String: Int] = [:]

    public init() {}

    /// Builds a table from entries; a repeated key keeps its first entry (the parser never
    /// produces one: duplicates are refused there with both lines).
    public init(_ entries: [Entry]) {
        for entry in entries where indexByKey[entry.key] == nil {
            indexByKey[entry.key] = self.entries.count
            self.entries.append(entry)
        }
    }

    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    public func entry(_ key: String) -> Entry? {
        indexByKey[key].map { entries[$0] }
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool { lhs.entries == rhs.entries }
}
