/// Splits the messages of one fetch into `UID FETCH` commands: at most `maxCount` messages
/// and about `maxBytes` each (one larger message goes alone), so one command neither
/// takes minutes nor leaves a long stretch to redo when the connection drops. Pure.
enum IMAPFetchBatches {
    static let maxCount = 50
    static let maxBytes: Int64 = 16 << 20

    static func split(_ refs: [InboxMessageRef], maxCount: Int = maxCount, maxBytes: Int64 = maxBytes) -> [[InboxMessageRef]] {
        var batches: [[InboxMessageRef]] = []
        var current: [InboxMessageRef] = []
        var bytes: Int64 = 0
        for ref in refs {
            if !current.isEmpty, current.count >= maxCount || bytes + ref.size > maxBytes {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(ref)
            bytes += ref.size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
