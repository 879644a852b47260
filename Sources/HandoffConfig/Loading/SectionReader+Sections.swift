import HandoffCore

extension SectionReader {
    /// The whole file: only known sections, each a table.
    static func root(_ table: TOMLTable, context: ConfigContext) throws(HandoffError) -> SectionReader {
        for entry in table.entries where !ConfigSchema.sections.contains(entry.key) {
            let valid = "Valid sections: " + ConfigSchema.sections.map { "[\($0)]" }.joined(separator: ", ") + "."
            if case .table = entry.value.kind {
                var message = "unknown section [\(TOMLText.key(entry.key))]"
                if let suggestion = Suggestion.closest(to: entry.key, in: ConfigSchema.sections) { message += "; did you mean [\(suggestion)]?" }
                throw context.error(message + (message.hasSuffix("?") ? " " : ". ") + valid, at: entry.keyPosition)
            }
            var message = "unknown key '\(entry.key)' at the top of the file"
            let homes = ConfigSchema.sections(accepting: entry.key)
            if !homes.isEmpty { message += "; it belongs in " + homes.map { "[\($0)]" }.joined(separator: " or ") + ", after the section header" }
            throw context.error("\(message). Every setting goes in a section. \(valid)", at: entry.keyPosition)
        }
        return SectionReader(context: context, path: [], table: table, position: nil)
    }

    /// A section of the file, empty (all defaults) when absent.
    func section(_ name: String) throws(HandoffError) -> SectionReader {
        guard let entry = entry(name) else {
            return SectionReader(context: context, path: path + [name], table: TOMLTable(), position: nil)
        }
        guard case .table(let table) = entry.value.kind else {
            throw context.error("\(fullKey(name)) must be a section: write [\(fullKey(name))] and its keys on the lines below it, not \(entry.value.kindName).", at: entry.keyPosition)
        }
        return SectionReader(context: context, path: path + [name], table: table, position: entry.value.position)
    }
}
