/// The archive formats a deliverable can be packaged into.
public enum ArchiveFormat: String, Sendable, Codable, CaseIterable {
    case zip
    case tarGz = "tar.gz"
    case tarZst = "tar.zst"

    /// The file-name extension, without the leading dot.
    public var fileExtension: String { rawValue }

    /// The MIME type an attachment of this format is sent with.
    public var mediaType: String {
        switch self {
        case .zip: "application/zip"
        case .tarGz: "application/gzip"
        case .tarZst: "application/zstd"
        }
    }

    public init(parsing text: String) throws(HandoffError) {
        guard let format = ArchiveFormat(rawValue: text.lowercased()) else {
            throw .badInput("'\(text)' is not an archive format: use zip, tar.gz or tar.zst.")
        }
        self = format
    }
}

/// Whether files are compressed inside the archive.
public enum CompressionPolicy: String, Sendable, Codable, CaseIterable {
    /// Store files that are already compressed (JPEG, PNG, PDF, Office, video, archives) or
    /// whose first block does not shrink; deflate the rest. Same bytes out for the same folder.
    case auto
    /// Compress every file, whatever it is.
    case always
    /// Compress nothing (zip "store").
    case never
}

/// One file inside a package, as listed in its `manifest.json`.
public struct ManifestEntry: Sendable, Equatable, Codable {
    /// Path inside the package, `/`-separated, relative to the packaged folder.
    public var path: String
    public var size: Int64
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String

    public init(path: String, size: Int64, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}

/// What a package holds. Written into the archive as `manifest.json` and kept in the store.
///
/// It carries no timestamp or host detail so that packaging the same folder twice gives the
/// same bytes.
public struct Manifest: Sendable, Equatable, Codable {
    public var name: String
    public var files: [ManifestEntry]

    public init(name: String, files: [ManifestEntry]) {
        self.name = name
        self.files = files
    }

    public var fileCount: Int { files.count }
    public var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }
}

/// A finished package on disk.
public struct PackageInfo: Sendable, Equatable, Codable {
    /// Where the archive was written.
    public var archivePath: String
    /// The file name the client sees (e.g. `welcome-pack.zip`).
    public var fileName: String
    public var format: ArchiveFormat
    /// Size of the archive in bytes.
    public var size: Int64
    /// Lower-case hex SHA-256 of the archive file.
    public var sha256: String
    public var manifest: Manifest
    /// Set when the zip is AES-256 encrypted: the passphrase, sent in a second message.
    /// Never logged or printed by default.
    public var passphrase: String?

    public init(
        archivePath: String, fileName: String, format: ArchiveFormat, size: Int64, sha256: String,
        manifest: Manifest, passphrase: String? = nil
    ) {
        self.archivePath = archivePath
        self.fileName = fileName
        self.format = format
        self.size = size
        self.sha256 = sha256
        self.manifest = manifest
        self.passphrase = passphrase
    }
}
