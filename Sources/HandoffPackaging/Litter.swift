/// Files and folders that operating systems and tools leave behind, never part of the work.
///
/// Skipped, at any depth:
/// - macOS: `.DS_Store`, `._*` (AppleDouble resource forks), `.Spotlight-V100`, `.Trashes`,
///   `.fseventsd`, `.TemporaryItems`, `__MACOSX` (left by unzipping on a Mac);
/// - Windows: `Thumbs.db`, `ehthumbs.db`, `desktop.ini` (any case);
/// - office lock files: `~$*` (Microsoft Office), `.~lock.*#` (LibreOffice);
/// - version-control folders `.git`, `.svn`, `.hg`: their history can hold earlier drafts
///   and other clients' names, which must not leave by accident.
/// Everything else, hidden files included, is packaged: a dot file may be the deliverable.
enum Litter {
    private static let exactNames: Set<String> = [
        ".DS_Store", ".Spotlight-V100", ".Trashes", ".fseventsd", ".TemporaryItems", "__MACOSX",
        ".git", ".svn", ".hg",
    ]
    private static let windowsNames: Set<String> = ["thumbs.db", "ehthumbs.db", "desktop.ini"]

    static func isLitter(_ name: String) -> Bool {
        if exactNames.contains(name) { return true }
        if windowsNames.contains(name.lowercased()) { return true }
        if name.hasPrefix("._") || name.hasPrefix("~$") { return true }
        if name.hasPrefix(".~lock."), name.hasSuffix("#") { return true }
        return false
    }
}
