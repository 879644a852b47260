import HandoffCore

extension MIMEFuzz {
    /// Feeds `bytes` to an `IMAPResponseReader` in chunks of `chunkSize` (at least 1) with a
    /// small line limit; returns the events, the adjacent literal chunks joined, and whether
    /// the reader stopped at an error. Never traps, whatever the bytes.
    public static func readIMAPResponses(_ bytes: [UInt8], chunkSize: Int, maxLineBytes: Int = 4096) -> (events: [IMAPResponseEvent], failed: Bool) {
        var reader = IMAPResponseReader(maxLineBytes: maxLineBytes)
        var events: [IMAPResponseEvent] = []
        let size = max(1, chunkSize)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            do throws(HandoffError) {
                events += try reader.feed(bytes[start..<end])
            } catch {
                return (joinLiteralData(events), true)
            }
            start = end
        }
        return (joinLiteralData(events), false)
    }

    /// Consecutive `.literalData` events as one: how the bytes were cut is not part of what
    /// a response means.
    public static func joinLiteralData(_ events: [IMAPResponseEvent]) -> [IMAPResponseEvent] {
        var joined: [IMAPResponseEvent] = []
        for event in events {
            if case .literalData(let more) = event, case .literalData(let bytes)? = joined.last {
                joined[joined.count - 1] = .literalData(bytes + more)
            } else if case .literalData(let bytes) = event, bytes.isEmpty {
                continue
            } else {
                joined.append(event)
            }
        }
        return joined
    }
}
