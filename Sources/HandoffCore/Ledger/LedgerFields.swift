/// The wire format of a ledger event's detail: one flat object whose values are all text.
///
/// The hash chain covers the stored detail, and stores hold years of events written as
/// flat JSON objects of strings, so the payload types keep exactly that shape: each
/// property is one key, integers are written in decimal, booleans as `yes` or `no`, a
/// value that is `TextCodable` as its text, and a nil optional leaves its key out.
/// Anything else (lists, nested objects, numbers with fractions) is refused when the
/// payload is written, never stored in another shape.
public enum LedgerFields {
    public static func encode(_ payload: some Encodable) throws(HandoffError) -> [String: String] {
        let sink = FieldSink()
        do {
            try payload.encode(to: FieldEncoder(sink: sink, codingPath: []))
        } catch {
            throw .internal("Could not write the ledger detail \(type(of: payload)): \(error)")
        }
        if let refused = sink.refused {
            throw .internal("The ledger detail \(type(of: payload)) has \(refused), which a flat object of text cannot hold.")
        }
        return sink.fields
    }

    /// Reads a payload back; keys the type does not know are ignored, so an event written
    /// by a newer version still reads.
    public static func decode<Payload: Decodable>(_ type: Payload.Type, from fields: [String: String]) throws(HandoffError) -> Payload {
        do {
            return try Payload(from: FieldDecoder(fields: fields, codingPath: []))
        } catch {
            throw .badInput("A ledger event's detail does not read as \(type): \(error)")
        }
    }

    /// The value, or nil when it is empty: writers leave empty values out of the detail.
    public static func present(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// The text of one value, or nil when it is not a plain value.
    static func text(_ value: Any) -> String? {
        switch value {
        case let text as String: text
        case let flag as Bool: flag ? "yes" : "no"
        case let number as any BinaryInteger: "\(number)"
        default: nil
        }
    }

    static func value<T>(_ type: T.Type, from text: String) -> T? {
        if let value = text as? T { return value }
        if T.self == Bool.self {
            switch text {
            case "yes": return true as? T
            case "no": return false as? T
            default: return nil
            }
        }
        if let integer = T.self as? any FixedWidthInteger.Type {
            return integer.init(text, radix: 10) as? T
        }
        return nil
    }
}
