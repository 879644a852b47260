/// Makes configured paths absolute and tidy, without touching the disk: a path that does
/// not exist yet (a data folder on first run) must resolve the same as one that does.
enum PathResolver {
    /// `path` made absolute against `base`; `~` and `~/…` use `home` when it is known.
    static func absolute(_ path: String, relativeTo base: String, home: String?) -> String {
        var path = path
        if let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") {
            path = home + path.dropFirst()
        }
        return normalize(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Removes `.`, empty parts and `..` (never above `/`), and any trailing slash.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/"), slash != normalized.startIndex else { return "/" }
        return String(normalized[..<slash])
    }
}
