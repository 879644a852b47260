/// Small path helpers on plain strings: paths here are file-system bytes that must stay
/// exactly as given, which URL and NSString normalisation do not promise. Questions to the
/// disk itself go to ``FileSystem``.
public enum Paths {
    /// The folder and the last component of `path` (`"."` when there is no folder part).
    public static func split(_ path: String) -> (folder: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let folder = trimmed[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(trimmed[trimmed.index(after: slash)...]))
    }

    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Whether `path` is `folder` itself or lies below it (both already resolved).
    public static func isSame(_ path: String, orInside folder: String) -> Bool {
        if path == folder { return true }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.utf8.starts(with: prefix.utf8)
    }
}
