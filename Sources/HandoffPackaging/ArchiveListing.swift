import HandoffCore

/// One entry of an archive, as read back.
public struct ArchiveEntryInfo: Sendable, Equatable, Codable {
    public enum EntryType: String, Sendable, Equatable, Codable {
        case file
        case directory
        case symlink
        case other
    }

    /// The path inside the archive, as stored (directories usually end with `/`).
    public var path: String
    public var size: Int64
    public var type: EntryType
    /// Whether the entry's data is encrypted (AES or traditional zip encryption).
    public var isEncrypted: Bool
    /// Lower-case hex SHA-256 of the entry's bytes, when the listing was asked for digests.
    public var sha256: String?

    public init(path: String, size: Int64, type: EntryType, isEncrypted: Bool = false, sha256: String? = nil) {
        self.path = path
        self.size = size
        self.type = type
        self.isEncrypted = isEncrypted
        self.sha256 = sha256
    }
}

/// Reads an archive back (zip, tar.gz, tar.zst): its entries, optionally each file's
/// SHA-256, and its `manifest.json`. Used to check a package against its manifest before
/// it is sent, and by tests.
public struct ArchiveListing: Sendable {
    /// For encrypted zips; needed for digests and the manifest, not for the names.
    public var passphrase: String?
    /// Read every file through to compute its SHA-256 (slower: decompresses everything).
    public var computeDigests: Bool

    public init(passphrase: String? = nil, computeDigests: Bool = false) {
        self.passphrase = passphrase
        self.computeDigests = computeDigests
    }

    /// The entries of the archive at `path`, in archive order.
    public func listArchive(at path: String) throws(HandoffError) -> [ArchiveEntryInfo] {
        try UTF8Locale.run { () throws(HandoffError) -> [ArchiveEntryInfo] in
            let reader = try open(path)
            var entries: [ArchiveEntryInfo] = []
            while let header = try reader.next() {
                var info = ArchiveEntryInfo(
                    path: header.path, size: header.size, type: .init(fileType: header.fileType), isEncrypted: header.isEncrypted
                )
                if computeDigests, info.type == .file {
                    info.sha256 = try reader.digestOfCurrentEntry(named: header.path)
                }
                entries.append(info)
            }
            try reader.close()
            return entries
        }
    }

    /// The `manifest.json` at the root of a package made by `Packager`.
    public func manifest(at path: String) throws(HandoffError) -> Manifest {
        try UTF8Locale.run { () throws(HandoffError) -> Manifest in
            let reader = try open(path)
            while let header = try reader.next() {
                guard header.path == ManifestJSON.fileName else { continue }
                let bytes = try reader.contentsOfCurrentEntry(named: header.path, limit: 64 << 20)
                return try ManifestJSON.decode(bytes, archive: path)
            }
            throw .badInput("'\(path)' has no manifest.json at its root, so it was not made by Handoff.")
        }
    }

    private func open(_ path: String) throws(HandoffError) -> ArchiveReader {
        guard FileSystem.exists(path) else {
            throw .badInput("'\(path)' does not exist. Check the path and try again.")
        }
        return try ArchiveReader(path: path, passphrase: passphrase)
    }
}

/// The entries of the archive at `path` (no digests, no passphrase).
public func listArchive(at path: String) throws(HandoffError) -> [ArchiveEntryInfo] {
    try ArchiveListing().listArchive(at: path)
}
