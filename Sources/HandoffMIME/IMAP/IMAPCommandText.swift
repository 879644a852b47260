import Foundation

/// The pieces of IMAP commands a mailbox poller writes (RFC 9051 section 9). Pure.
public enum IMAPCommandText {
    /// UIDs as a sequence set, runs folded: `[1, 2, 3, 7]` → `1:3,7`. Sorted, duplicates dropped.
    public static func sequenceSet(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? "\(sorted[index])" : "\(sorted[index]):\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// A SEARCH date, `2-Dec-2026` (RFC 9051 `date`), of the day `date` falls on in UTC.
    public static func searchDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = months[max(0, min(11, (parts.month ?? 1) - 1))]
        return "\(parts.day ?? 1)-\(month)-\(parts.year ?? 1970)"
    }
}
