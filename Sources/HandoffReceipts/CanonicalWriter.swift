/// Writes canonical JSON (see `JSONValue`) straight into bytes, without building a tree:
/// a receipt of 10,000 handoffs is close to a million values, and the tree cost more than
/// the writing. Callers give object members in sorted key order; a test compares the
/// result with `JSONValue.canonicalBytes` so the two cannot drift apart.
struct CanonicalWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open object or array: whether nothing was written in it yet.
    private var empty: [Bool] = []
    /// A key was written and its value is next (no comma before it).
    private var afterKey = false

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// The comma before the next member or element, unless it is the first.
    private mutating func separate() {
        guard let isEmpty = empty.last else { return }
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        empty[empty.count - 1] = false
    }

    private mutating func valueStarts() {
        if afterKey { afterKey = false } else { separate() }
    }

    mutating func key(_ name: String) {
        separate()
        JSONValue.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ text: String) {
        valueStarts()
        JSONValue.writeString(text, to: &bytes)
    }

    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    mutating func int<T: BinaryInteger>(_ value: T) {
        valueStarts()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        valueStarts()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        valueStarts()
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func object(_ body: (inout CanonicalWriter) -> Void) {
        valueStarts()
        bytes.append(UInt8(ascii: "{"))
        empty.append(true)
        body(&self)
        empty.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func array(_ body: (inout CanonicalWriter) -> Void) {
        valueStarts()
        bytes.append(UInt8(ascii: "["))
        empty.append(true)
        body(&self)
        empty.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member whose value is a string (or null).
    mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    mutating func member<T: BinaryInteger>(_ name: String, _ value: T) {
        key(name)
        int(value)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }
}
