import Foundation

/// Keeps blind copies blind in what a client sees.
///
/// The ledger is the VA's own record: its `sent` event lists every recipient the server
/// took, Bcc addresses included, and `queue`/`ledger` views show them. A receipt is mailed
/// to the client, so its timeline may say only how many blind copies there were: a client
/// who learns that a colleague, another client or a subcontractor got the work in copy
/// learns something the VA chose not to tell. Events written before this filter existed
/// carry the addresses too, so it works on what is read, not on what is written.
struct BlindCopyFilter {
    /// The handoff's Bcc addresses, lowercased (the server may echo another case).
    let blind: Set<String>

    init(_ addresses: [String]) {
        blind = Set(addresses.map { $0.lowercased() })
    }

    /// One event's details with every Bcc address taken out: recipient lists lose the
    /// address and gain a `bcc_…` count; any other value shows `[bcc]` in its place.
    func scrub(_ detail: [(String, String)]) -> [(String, String)] {
        guard !blind.isEmpty else { return detail }
        var result: [(String, String)] = []
        for (key, value) in detail {
            switch key {
            case "accepted":
                let (kept, hidden) = partition(value.components(separatedBy: ", ")) { $0 }
                result.append((key, kept.joined(separator: ", ")))
                if hidden > 0 { result.append(("bcc_accepted", String(hidden))) }
            case "refused":
                // "address: server reply; address: server reply"
                let (kept, hidden) = partition(value.components(separatedBy: "; ")) { entry in
                    entry.split(separator: ":", maxSplits: 1).first.map(String.init) ?? entry
                }
                result.append((key, kept.joined(separator: "; ")))
                if hidden > 0 { result.append(("bcc_refused", String(hidden))) }
            default:
                result.append((key, masked(value)))
            }
        }
        return result.filter { !$0.1.isEmpty }.sorted { $0.0 < $1.0 }
    }

    private func partition(_ items: [String], address: (String) -> String) -> (kept: [String], hidden: Int) {
        var kept: [String] = []
        var hidden = 0
        for item in items where !item.isEmpty {
            if blind.contains(address(item).trimmingCharacters(in: .whitespaces).lowercased()) {
                hidden += 1
            } else {
                kept.append(item)
            }
        }
        return (kept, hidden)
    }

    private func masked(_ value: String) -> String {
        var value = value
        for address in blind {
            value = value.replacingOccurrences(of: address, with: "[bcc]", options: .caseInsensitive)
        }
        return value
    }
}
