import HandoffCore

/// Writes one planned package into an open output: the entries in plan order, each file
/// streamed from the reading thread, then `manifest.json`.
///
/// The manifest goes last because its digests are computed while the files stream; reading
/// every file twice to put it first would double the I/O of a large package.
struct PackageRun {
    /// Bytes per read and per libarchive write: large enough that system calls and locking
    /// cost nothing next to compression, small enough that memory stays flat.
    static let chunkSize = 1 << 20
    /// Chunks in flight: the reader may run this far ahead of the compressor.
    static let chunksInFlight = 4

    let plan: SourcePlan
    let options: Packager.Options
    let passphrase: String?
    /// Told the bytes read so far after every chunk (see `Packager.Progress`).
    var progress: Packager.Progress? = nil

    /// Writes every entry and finishes the archive (`archive_write_close`); returns the
    /// manifest that went into it. Committing or discarding the output is the caller's job.
    func write(to output: OutputFile) throws(HandoffError) -> Manifest {
        let settings = WriterSettings(format: options.format, compression: options.compression, passphrase: passphrase)
        let writer = try ArchiveWriter(settings: settings, output: output)
        let pipe = ChunkPipe<ReadEvent>(chunkSize: Self.chunkSize, bufferCount: Self.chunksInFlight)
        FileReader.start(files: plan.sourceFiles, pipe: pipe)
        // Whatever happens below, the reading thread is stopped and gone before we return.
        defer {
            pipe.cancel()
            pipe.waitForWorker()
        }

        var files: [ManifestEntry] = []
        files.reserveCapacity(plan.entries.count)
        var done: Int64 = 0
        for entry in plan.entries {
            switch entry.kind {
            case .directory:
                try writer.setZipCompression(deflate: false)
                try writer.writeHeader(header(for: entry, kind: .directory))
            case .file(_, let manifestPath):
                files.append(try writeFile(entry, manifestPath: manifestPath, writer: writer, pipe: pipe, done: &done))
            }
        }

        let manifest = Manifest(name: plan.name, files: files)
        let json = try ManifestJSON.encode(manifest)
        try writer.setZipCompression(deflate: options.compression != .never)
        try writer.writeHeader(EntryHeader(
            path: ManifestJSON.fileName, kind: .file(size: Int64(json.count)),
            permissions: 0o644, modificationTime: plan.newestModificationTime
        ))
        try writer.write(json)
        try writer.finish()
        return manifest
    }

    /// One file: waits for the reader to open it, decides stored or deflated on its first
    /// chunk, then passes chunks to libarchive until the reader reports the digest.
    private func writeFile(
        _ entry: SourcePlan.Entry, manifestPath: String, writer: ArchiveWriter, pipe: ChunkPipe<ReadEvent>,
        done: inout Int64
    ) throws(HandoffError) -> ManifestEntry {
        let size: Int64
        switch try next(pipe) {
        case .opened(let openedSize): size = openedSize
        case .failed(let error): throw error
        case .data, .finished: throw .internal("The file reader sent data before opening '\(manifestPath)'.")
        }
        let header = header(for: entry, kind: .file(size: size))
        var headerWritten = false
        if size == 0 {
            try writer.setZipCompression(deflate: false)
            try writer.writeHeader(header)
            headerWritten = true
        }
        while true {
            switch try next(pipe) {
            case .data(let chunk):
                defer { pipe.recycle(chunk) }
                if !headerWritten {
                    let deflate = options.format == .zip
                        && CompressionChoice.shouldDeflate(policy: options.compression, name: manifestPath, firstBlock: chunk.bytes)
                    try writer.setZipCompression(deflate: deflate)
                    try writer.writeHeader(header)
                    headerWritten = true
                }
                try writer.write(chunk.bytes)
                done += Int64(chunk.bytes.count)
                progress?(done)
            case .finished(let sha256):
                return ManifestEntry(path: manifestPath, size: size, sha256: sha256)
            case .failed(let error):
                throw error
            case .opened:
                throw .internal("The file reader opened another file before finishing '\(manifestPath)'.")
            }
        }
    }

    /// The reader's next event; it always ends with `.finished` or `.failed`, so running
    /// dry is a bug, reported as one.
    private func next(_ pipe: ChunkPipe<ReadEvent>) throws(HandoffError) -> ReadEvent {
        guard let event = pipe.next() else {
            throw .internal("The file reader stopped without saying why.")
        }
        return event
    }

    private func header(for entry: SourcePlan.Entry, kind: EntryHeader.Kind) -> EntryHeader {
        EntryHeader(path: entry.archivePath, kind: kind, permissions: entry.permissions, modificationTime: entry.modificationTime)
    }
}
