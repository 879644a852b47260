/// The bracketed tags a subject line may carry: `[#R-12]` names a request (what an
/// acknowledgement puts in its subject, so a reply finds its way back), `[acme]` names a
/// project (what a client may add by hand).
public enum SubjectTags {
    /// The first `[#R-12]` in `subject`, case-insensitively; a tag that is not a valid
    /// request id (`[#R-x]`, `[#12]`) is skipped, not fatal.
    public static func requestReference(in subject: String) -> RequestID? {
        for content in bracketed(subject) where content.hasPrefix("#") {
            if let id = RequestID(rawValue: String(content.dropFirst())) { return id }
        }
        return nil
    }

    /// The `[word]` tags of `subject`, lower-cased, in order: only words a project id could
    /// be (letters, digits, `-`, `_`), so `[#R-12]`, `[EXT: mail]` or `[SPAM?]` are not tags.
    public static func projectTag(in subject: String) -> [String] {
        bracketed(subject).compactMap { content in
            let word = content.lowercased()
            return ProjectID.isValid(word) ? word : nil
        }
    }

    /// The text between each `[` and the next `]`, without a nested `[`; bounded by the
    /// subject's length, so any subject is read in one pass.
    private static func bracketed(_ subject: String) -> [Substring] {
        var contents: [Substring] = []
        var open: String.Index?
        var index = subject.startIndex
        while index < subject.endIndex {
            switch subject[index] {
            case "[": open = subject.index(after: index)
            case "]":
                if let start = open { contents.append(subject[start..<index]) }
                open = nil
            default: break
            }
            index = subject.index(after: index)
        }
        return contents
    }
}
