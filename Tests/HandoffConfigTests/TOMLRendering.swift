import HandoffConfig

/// A compact, position-free rendering of parsed TOML, so fixture tables can state the
/// expected result as one readable line.
enum TOMLRendering {
    static func render(_ table: TOMLTable) -> String {
        "{" + table.entries.map { "\(TOMLText.key($0.key)) = \(render($0.value))" }.joined(separator: ", ") + "}"
    }

    static func render(_ value: TOMLValue) -> String {
        switch value.kind {
        case .string(let text): TOMLText.quoted(text)
        case .integer(let number): String(number)
        case .float(let number): number.isNaN ? "nan" : String(number)
        case .bool(let flag): String(flag)
        case .datetime(let datetime): datetime.description
        case .array(let elements): "[" + elements.map(render).joined(separator: ", ") + "]"
        case .table(let table): render(table)
        }
    }
}
