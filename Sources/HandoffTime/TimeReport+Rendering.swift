import Foundation
import HandoffCore

/// The three ways a time report leaves the program: an aligned table for the terminal,
/// CSV for spreadsheets and invoicing tools, JSON for scripts.
extension TimeReport {
    /// `time list`: one row per entry.
    public func entriesTable() -> String {
        var rows = [["ID", "PROJECT", "START", "END", "HOURS", "BILLED", "NOTE", "MEMO"]]
        for line in lines {
            var notes: [String] = []
            if line.running { notes.append("running") }
            if line.manual { notes.append("manual") }
            if line.forgotten { notes.append("FORGOTTEN?") }
            rows.append([
                String(line.id), line.project, Self.minute(line.start), line.end.map { Self.endText(start: line.start, end: $0) } ?? "…",
                Hours.decimal(line.rawSeconds), Hours.decimal(line.billedSeconds), notes.joined(separator: ","), line.memo ?? "",
            ])
        }
        var text = Self.aligned(rows)
        let raw = lines.reduce(0) { $0 + $1.rawSeconds }
        let billed = lines.reduce(0) { $0 + $1.billedSeconds }
        text += "\(lines.count) entr\(lines.count == 1 ? "y" : "ies"), \(Hours.decimal(raw)) h raw, \(Hours.decimal(billed)) h billed\n"
        for warning in warnings { text += "warning: \(warning)\n" }
        return text
    }

    /// `time report`: totals per project and day, the retainer, warnings.
    public func summaryTable() -> String {
        var text = ""
        if projects.isEmpty { text += "No time recorded\(from.map { " from \($0)" } ?? "")\(to.map { " to \($0)" } ?? "").\n" }
        for project in projects {
            let rounding = project.rounding == "none" ? "no rounding" : "rounded up to \(project.rounding) min per entry"
            text += "\(project.project) — \(project.name) (\(rounding))\n"
            var rows: [[String]] = [["  DAY", "ENTRIES", "RAW H", "BILLED H"]]
            for day in project.days {
                rows.append(["  " + day.day, String(day.entries), Hours.decimal(day.rawSeconds), Hours.decimal(day.billedSeconds)])
            }
            rows.append(["  total", String(project.entries), Hours.decimal(project.rawSeconds), Hours.decimal(project.billedSeconds)])
            text += Self.aligned(rows, rightAligned: [1, 2, 3])
            for use in project.retainer { text += "  " + use.summary + "\n" }
            text += "\n"
        }
        for warning in warnings { text += "warning: \(warning)\n" }
        return text
    }

    /// Entry rows for spreadsheets (`time list --format csv`, the CSV export).
    public func entriesCSV() -> String {
        var text = CSV.row(["id", "project", "request", "start", "end", "raw_hours", "billed_hours", "manual", "running", "forgotten", "memo"])
        for line in lines {
            text += CSV.row([
                String(line.id), line.project, line.request ?? "", line.start, line.end ?? "", Hours.decimal(line.rawSeconds),
                Hours.decimal(line.billedSeconds), line.manual ? "yes" : "no", line.running ? "yes" : "no",
                line.forgotten ? "yes" : "no", line.memo ?? "",
            ])
        }
        return text
    }

    /// Day totals for spreadsheets (`time report --format csv`).
    public func summaryCSV() -> String {
        var text = CSV.row(["project", "day", "entries", "raw_hours", "billed_hours"])
        for project in projects {
            for day in project.days {
                text += CSV.row([project.project, day.day, String(day.entries), Hours.decimal(day.rawSeconds), Hours.decimal(day.billedSeconds)])
            }
        }
        return text
    }

    static func minute(_ iso: String) -> String {
        String(iso.prefix(16)).replacingAll("T", with: " ")
    }

    /// The end as `17:30` on the start's day, else in full.
    static func endText(start: String, end: String) -> String {
        start.prefix(10) == end.prefix(10) ? String(end.dropFirst(11).prefix(5)) : minute(end)
    }

    /// Every cell is escaped for the terminal first (a memo's control characters and line
    /// breaks would break the table, or the terminal), and measured as it is shown.
    static func aligned(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let rows = rows.map { $0.map { TerminalText.escaped($0) } }
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns - 1 || rightAligned.contains(index) {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var text = ""
        for row in rows {
            var cells: [String] = []
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                cells.append(rightAligned.contains(index) ? padding + cell : (index == row.count - 1 ? cell : cell + padding))
            }
            text += cells.joined(separator: "  ").trimmingWhitespaceAtEnd() + "\n"
        }
        return text
    }
}

extension String {
    func trimmingWhitespaceAtEnd() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
