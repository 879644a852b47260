/// Reads the `* SEARCH 4 9` lines of an IMAP SEARCH response (RFC 9051 7.3.4). Pure.
public enum IMAPSearchResult {
    public static func uids(in lines: [String]) -> [Int] {
        var uids: [Int] = []
        for line in lines {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            uids += words.dropFirst(2).compactMap { Int($0) }
        }
        return uids
    }
}
