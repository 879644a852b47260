/// Everything that will go into a package, decided before a byte is written: the folder
/// has been walked, litter skipped, every refusal made.
struct SourcePlan: Equatable {
    struct Entry: Equatable {
        enum Kind: Equatable {
            case directory
            /// `sourcePath` is where to read the bytes (symlinks already followed);
            /// `manifestPath` is the path relative to the packaged folder.
            case file(sourcePath: String, manifestPath: String)
        }

        /// Path inside the archive: `<name>/...`, directories ending with `/`.
        var archivePath: String
        var kind: Kind
        var permissions: UInt32
        var modificationTime: Int64
        /// For a file, the stamp it had when the folder was walked: reading it refuses a
        /// file that is no longer that version (nil for folders).
        var stamp: FileStamp? = nil
    }

    /// The package name, also the top-level folder inside the archive.
    var name: String
    /// The source with every symlink resolved, and whether it is a folder (else one file).
    var root: String
    var isFolder: Bool
    /// Sorted by the UTF-8 bytes of `archivePath`, so a folder comes before what it holds
    /// and the order never depends on the file system or the locale.
    var entries: [Entry]

    /// Where each file's bytes are read from, in archive order, with the stamp the file
    /// had when the folder was walked.
    var sourceFiles: [FileReader.Source] {
        entries.compactMap { entry in
            if case .file(let sourcePath, _) = entry.kind { return FileReader.Source(path: sourcePath, stamp: entry.stamp) }
            return nil
        }
    }

    /// The newest modification time in the package: the time given to `manifest.json`,
    /// so it too depends only on the folder.
    var newestModificationTime: Int64 {
        entries.map(\.modificationTime).max() ?? 0
    }
}
