/// A table while the document is being read: mutable and shared by reference, so that a
/// `[a.b]` header and the dotted keys below it can keep adding to a table created earlier.
/// Frozen into a value ``TOMLTable`` when parsing ends; never leaves the parser.
final class TableBuilder {
    /// How the table came to exist, which decides who may still add to it (TOML 1.0:
    /// a table is defined once; dotted keys and headers may not reopen each other's tables).
    enum Origin: Equatable {
        /// Created as the parent of a header (`a` for `[a.b]`); a later `[a]` may define it.
        case implicit
        /// Defined by a `[header]` or as an element of `[[array]]`.
        case header
        /// Created by dotted keys in one section (numbered); only that section may extend it.
        case dotted(section: Int)
    }

    enum Slot {
        /// A finished value: scalar, static array or inline table (all closed to additions).
        case value(TOMLValue, keyPosition: SourcePosition)
        case table(TableBuilder, keyPosition: SourcePosition)
        case tableArray(TableArrayBuilder, keyPosition: SourcePosition)

        var keyPosition: SourcePosition {
            switch self {
            case .value(_, let position), .table(_, let position), .tableArray(_, let position): position
            }
        }
    }

    var origin: Origin
    var position: SourcePosition
    private var keys: [String] = []
    private var slots: [String: Slot] = [:]

    init(origin: Origin, position: SourcePosition) {
        self.origin = origin
        self.position = position
    }

    subscript(key: String) -> Slot? { slots[key] }

    func insert(_ key: String, _ slot: Slot) {
        if slots[key] == nil { keys.append(key) }
        slots[key] = slot
    }

    func freeze() -> TOMLTable {
        TOMLTable(keys.compactMap { key in
            guard let slot = slots[key] else { return nil }
            switch slot {
            case .value(let value, let keyPosition):
                return TOMLTable.Entry(key: key, keyPosition: keyPosition, value: value)
            case .table(let table, let keyPosition):
                return TOMLTable.Entry(key: key, keyPosition: keyPosition, value: TOMLValue(.table(table.freeze()), at: table.position))
            case .tableArray(let array, let keyPosition):
                let elements = array.tables.map { TOMLValue(.table($0.freeze()), at: $0.position) }
                return TOMLTable.Entry(key: key, keyPosition: keyPosition, value: TOMLValue(.array(elements), at: array.position))
            }
        })
    }
}

/// The elements of a `[[name]]` array of tables, appended to by each header.
final class TableArrayBuilder {
    var tables: [TableBuilder]
    let position: SourcePosition

    init(first: TableBuilder) {
        self.tables = [first]
        self.position = first.position
    }
}
