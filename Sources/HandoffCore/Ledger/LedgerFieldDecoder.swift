/// Decodes a payload from a ledger event's fields (see `LedgerFields`).
struct FieldDecoder: Decoder {
    let fields: [String: String]
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard codingPath.isEmpty else { throw notFlat("an object") }
        return KeyedDecodingContainer(FieldReader<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw notFlat("a list")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard let key = codingPath.last, codingPath.count == 1, let text = fields[key.stringValue] else {
            throw notFlat("a single value")
        }
        return TextValue(text: text, codingPath: codingPath)
    }

    private func notFlat(_ what: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a ledger detail holds text at each key, not \(what)"))
    }
}

private struct FieldReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: String]
    var codingPath: [any CodingKey]

    var allKeys: [Key] { fields.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { fields[key.stringValue] == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let text = fields[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no '\(key.stringValue)' in the detail"))
        }
        return try TextValue(text: text, codingPath: codingPath + [key]).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try FieldDecoder(fields: fields, codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try FieldDecoder(fields: fields, codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a ledger detail has no superclass part"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder()
    }
}

/// One key's text, read as the type asked for.
private struct TextValue: SingleValueDecodingContainer {
    let text: String
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let value = LedgerFields.value(type, from: text) { return value }
        if type == Bool.self || type is any FixedWidthInteger.Type {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "'\(text)' is not a \(type)"))
        }
        guard let key = codingPath.last else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a value outside a key"))
        }
        return try T(from: FieldDecoder(fields: [key.stringValue: text], codingPath: codingPath))
    }
}
