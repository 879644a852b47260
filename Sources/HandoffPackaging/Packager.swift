import HandoffCore

/// Packages a folder (or one file) into a zip, tar.gz or tar.zst archive with a manifest.
///
/// Inside the archive every file sits under one top-level folder named after the package,
/// so unpacking gives a single folder, and `manifest.json` sits at the root beside it
/// (never colliding with a file of the client's) listing each file's path, size and
/// SHA-256. The same folder always gives the same bytes: entries sorted by the UTF-8 bytes
/// of their paths, owner 0:0 with no names, permissions 0644 (0755 for folders and
/// executables), each file's own modification time.
///
/// Files stream through fixed-size buffers, so memory stays flat whatever their size.
/// `package` blocks the calling thread, which compresses, for as long as the work takes;
/// two threads of its own read and hash the files and write and hash the archive, and both
/// are gone when it returns. Call it from a thread that may block.
public struct Packager: Sendable {
    public struct Options: Sendable, Equatable {
        public var format: ArchiveFormat
        /// Per file in a zip; for the tar formats it sets the level of the whole stream
        /// (see the format notes on `package`).
        public var compression: CompressionPolicy
        /// AES-256 zip, with a generated passphrase returned in `PackageInfo.passphrase`.
        /// Zip only: the file names stay readable (zip encrypts contents, not names).
        public var encrypt: Bool
        /// fsync the archive and its folder before reporting success, so a package that was
        /// recorded as made survives a power cut. Off only for throwaway previews.
        public var syncToDisk: Bool
        /// Names left out at the top of a packaged folder (an outbox folder's READY and
        /// ERROR.txt are Handoff's, not the client's).
        public var excludedTopLevelNames: Set<String>
        /// Whether a regular file already at the output path may be replaced. Anything
        /// else there (a folder, a symlink, a FIFO, a device) is refused either way.
        public var replacesExistingFile: Bool

        public init(
            format: ArchiveFormat = .zip, compression: CompressionPolicy = .auto, encrypt: Bool = false,
            syncToDisk: Bool = true, excludedTopLevelNames: Set<String> = [], replacesExistingFile: Bool = false
        ) {
            self.format = format
            self.compression = compression
            self.encrypt = encrypt
            self.syncToDisk = syncToDisk
            self.excludedTopLevelNames = excludedTopLevelNames
            self.replacesExistingFile = replacesExistingFile
        }
    }

    public let options: Options

    /// Called on the packaging thread with the bytes of source files packaged so far, after
    /// every chunk (about 1 MiB); keep it cheap.
    public typealias Progress = @Sendable (_ bytesDone: Int64) -> Void

    public init(options: Options = .init()) {
        self.options = options
    }

    /// Packages `source` (folder or single file) into the archive file `output`.
    ///
    /// Writes to a temporary file in `output`'s folder and renames it at the end, so a
    /// crash or an error never leaves a half-written archive at `output`; an existing
    /// regular file at `output` is replaced only by a complete archive, and only when
    /// `replacesExistingFile` is set.
    ///
    /// - Parameter name: the package name and top-level folder (default: the source's last
    ///   path component; for a single file, without its extension).
    /// - Throws: `.badInput` naming the path and the way out, for what cannot be packaged:
    ///   a missing source, nothing to package, a symlink out of the folder, a FIFO, socket
    ///   or device, an unreadable file, an output inside the source, encryption asked of a
    ///   tar format. `.temporary` when the disk is full or a file changed while being read.
    ///
    /// Compression: in a zip, `.auto` stores files that are already compressed (by
    /// extension, or because their first 64 KiB look random) and deflates the rest at
    /// zlib's default level; `.always` deflates everything (what `bsdtar` does); `.never`
    /// stores everything. tar.gz uses gzip level 6 (level 0, stored blocks, for `.never`);
    /// tar.zst uses zstd level 3 (its fastest level, -50, close to storing, for `.never`).
    public func package(source: String, to output: String, name: String? = nil, progress: Progress? = nil) throws(HandoffError) -> PackageInfo {
        let plan = try plan(source: source, name: name)
        try OutputLocation.check(output, plan: plan, source: source, replacingFile: options.replacesExistingFile)
        let file = try OutputFile(finalPath: output, syncToDisk: options.syncToDisk, replacesExistingFile: options.replacesExistingFile)
        return try write(plan, to: file, archivePath: output, fileName: Paths.split(output).name, progress: progress)
    }

    /// Packages `source` straight to standard output (`handoff package DIR -o -`), for a
    /// pipe into another program. The returned `archivePath` is `-`; the file name is the
    /// package name with the format's extension.
    public func packageToStandardOutput(source: String, name: String? = nil, progress: Progress? = nil) throws(HandoffError) -> PackageInfo {
        let plan = try plan(source: source, name: name)
        let file = OutputFile.standardOutput()
        return try write(plan, to: file, archivePath: "-", fileName: "\(plan.name).\(options.format.fileExtension)", progress: progress)
    }

    func plan(source: String, name: String?) throws(HandoffError) -> SourcePlan {
        if options.encrypt, options.format != .zip {
            throw .badInput("Encryption is only available for zip archives, not \(options.format.rawValue). Use the zip format, or package without encryption.")
        }
        return try SourceScanner(source: source, name: name, excludedTopLevelNames: options.excludedTopLevelNames).scan()
    }

    func write(_ plan: SourcePlan, to file: OutputFile, archivePath: String, fileName: String, progress: Progress?) throws(HandoffError) -> PackageInfo {
        // Removes the temporary file on every error path; does nothing once committed.
        defer { file.discard() }
        let passphrase = options.encrypt ? Passphrase.generate() : nil
        let run = PackageRun(plan: plan, options: options, passphrase: passphrase, progress: progress)
        let manifest = try UTF8Locale.run { () throws(HandoffError) -> Manifest in
            try run.write(to: file)
        }
        let (size, sha256) = try file.commit()
        return PackageInfo(
            archivePath: archivePath, fileName: fileName, format: options.format,
            size: size, sha256: sha256, manifest: manifest, passphrase: passphrase
        )
    }
}
