import HandoffCore

/// Where keys and headers may put things: TOML 1.0 defines each table once, and headers,
/// dotted keys and inline tables may not reopen one another's tables.
extension DocumentParser {
    /// `[a.b.c]`: defines `c` (once) inside `a.b`, creating parents as needed.
    mutating func defineTable(_ key: [KeyPart], at position: SourcePosition) throws(HandoffError) -> TableBuilder {
        let parent = try walkToHeaderParent(key)
        let last = key[key.count - 1]
        let name = TOMLText.keyPath(key.map(\.name))
        switch parent[last.name] {
        case nil:
            let table = TableBuilder(origin: .header, position: position)
            parent.insert(last.name, .table(table, keyPosition: last.position))
            return table
        case .table(let table, _)?:
            switch table.origin {
            case .implicit:
                table.origin = .header
                table.position = position
                return table
            case .header:
                throw cursor.error("table [\(name)] is defined twice (first at line \(table.position.line))", at: last.offset)
            case .dotted:
                throw cursor.error(
                    "table [\(name)] was already created with dotted keys at line \(table.position.line); add its keys there instead",
                    at: last.offset)
            }
        case .tableArray(_, let keyPosition)?:
            throw cursor.error(
                "[\(name)] is an array of tables (line \(keyPosition.line)); add an element with [[\(name)]]", at: last.offset)
        case .value(let value, let keyPosition)?:
            throw alreadyAValue(name, value, keyPosition, at: last.offset)
        }
    }

    /// `[[a.b]]`: appends a new table to the array `a.b`, creating it on first use.
    mutating func appendArrayTable(_ key: [KeyPart], at position: SourcePosition) throws(HandoffError) -> TableBuilder {
        let parent = try walkToHeaderParent(key)
        let last = key[key.count - 1]
        let name = TOMLText.keyPath(key.map(\.name))
        let table = TableBuilder(origin: .header, position: position)
        switch parent[last.name] {
        case nil:
            parent.insert(last.name, .tableArray(TableArrayBuilder(first: table), keyPosition: last.position))
        case .tableArray(let array, _)?:
            array.tables.append(table)
        case .table(_, let keyPosition)?:
            throw cursor.error("[[\(name)]] can't add to '\(name)', which is already a table (line \(keyPosition.line))", at: last.offset)
        case .value(let value, let keyPosition)?:
            if case .array = value.kind {
                throw cursor.error(
                    "'\(name)' is an array written with [ ] at line \(keyPosition.line); [[\(name)]] can't add to it", at: last.offset)
            }
            throw alreadyAValue(name, value, keyPosition, at: last.offset)
        }
        return table
    }

    /// The table a header's last key goes into. Headers may pass through any table, and
    /// through an array of tables into its latest element.
    private mutating func walkToHeaderParent(_ key: [KeyPart]) throws(HandoffError) -> TableBuilder {
        var table = root
        for (depth, part) in key.dropLast().enumerated() {
            switch table[part.name] {
            case nil:
                let created = TableBuilder(origin: .implicit, position: part.position)
                table.insert(part.name, .table(created, keyPosition: part.position))
                table = created
            case .table(let next, _)?:
                table = next
            case .tableArray(let array, _)?:
                table = array.tables[array.tables.count - 1]
            case .value(let value, let keyPosition)?:
                let name = TOMLText.keyPath(key[...depth].map(\.name))
                throw alreadyAValue(name, value, keyPosition, at: part.offset)
            }
        }
        return table
    }

    /// `a.b.c = value` inside `table`: creates `a` and `a.b` as dotted tables of this
    /// section, or walks into ones this section created.
    mutating func insertDotted(
        _ key: [KeyPart], value: TOMLValue, into target: TableBuilder, path: [String], section: Int
    ) throws(HandoffError) {
        var table = target
        for (depth, part) in key.dropLast().enumerated() {
            let name = TOMLText.keyPath(path + key[...depth].map(\.name))
            switch table[part.name] {
            case nil:
                let created = TableBuilder(origin: .dotted(section: section), position: part.position)
                table.insert(part.name, .table(created, keyPosition: part.position))
                table = created
            case .table(let next, _)?:
                switch next.origin {
                case .dotted(let owner) where owner == section:
                    table = next
                case .implicit:
                    next.origin = .dotted(section: section)
                    next.position = part.position
                    table = next
                case .header:
                    throw cursor.error(
                        "table '\(name)' is defined by the header [\(name)] at line \(next.position.line); dotted keys can't add to it from here",
                        at: part.offset)
                case .dotted:
                    throw cursor.error(
                        "table '\(name)' was created with dotted keys in another section (line \(next.position.line)); keys can't be added to it from here",
                        at: part.offset)
                }
            case .tableArray(_, let keyPosition)?:
                throw cursor.error("'\(name)' is an array of tables (line \(keyPosition.line)); dotted keys can't add to it", at: part.offset)
            case .value(let existing, let keyPosition)?:
                throw alreadyAValue(name, existing, keyPosition, at: part.offset)
            }
        }
        let last = key[key.count - 1]
        if let existing = table[last.name] {
            let name = TOMLText.keyPath(path + key.map(\.name))
            throw cursor.error("duplicate key '\(name)' (first defined at line \(existing.keyPosition.line))", at: last.offset)
        }
        table.insert(last.name, .value(value, keyPosition: last.position))
    }

    private func alreadyAValue(_ name: String, _ value: TOMLValue, _ keyPosition: SourcePosition, at offset: Int) -> HandoffError {
        if case .table = value.kind {
            return cursor.error("'\(name)' is an inline table (line \(keyPosition.line)) and can't be extended", at: offset)
        }
        return cursor.error("'\(name)' already has a value (line \(keyPosition.line)), so it can't also be a table", at: offset)
    }
}
