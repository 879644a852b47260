/// Collects one payload's fields; what cannot be written flat is noted, not stored.
final class FieldSink {
    var fields: [String: String] = [:]
    var refused: String?

    func refuse(_ what: String, at path: [any CodingKey]) {
        if refused == nil { refused = "\(what) at '\(path.map(\.stringValue).joined(separator: "."))'" }
    }
}

/// Encodes a payload into `FieldSink`: a keyed container at the top, one text per key.
struct FieldEncoder: Encoder {
    let sink: FieldSink
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if !codingPath.isEmpty { sink.refuse("a nested object", at: codingPath) }
        return KeyedEncodingContainer(FieldContainer<Key>(sink: codingPath.isEmpty ? sink : FieldSink(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.refuse("a list", at: codingPath)
        return DiscardedList(codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        FieldValue(sink: sink, codingPath: codingPath)
    }
}

private struct FieldContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: FieldSink
    var codingPath: [any CodingKey]

    /// A nil optional leaves its key out, as the writers always did with empty values.
    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        var slot = FieldValue(sink: sink, codingPath: codingPath + [key])
        try slot.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        FieldEncoder(sink: sink, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        FieldEncoder(sink: sink, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        sink.refuse("a superclass", at: codingPath)
        return FieldEncoder(sink: FieldSink(), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder()
    }
}

/// One key's value: a plain value is written as text; any other type encodes itself into
/// this same slot (a `TextCodable` value writes its text).
private struct FieldValue: SingleValueEncodingContainer {
    let sink: FieldSink
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws {
        guard let key = codingPath.last, codingPath.count == 1 else {
            sink.refuse("a value outside a key", at: codingPath)
            return
        }
        if let text = LedgerFields.text(value) {
            sink.fields[key.stringValue] = text
        } else if value is any FloatingPoint {
            sink.refuse("a number with a fraction", at: codingPath)
        } else {
            try value.encode(to: FieldEncoder(sink: sink, codingPath: codingPath))
        }
    }
}

/// Stands in for a list, which the sink has already refused.
private struct DiscardedList: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey]
    var count = 0

    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FieldContainer<NestedKey>(sink: FieldSink(), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { FieldEncoder(sink: FieldSink(), codingPath: codingPath) }
}
