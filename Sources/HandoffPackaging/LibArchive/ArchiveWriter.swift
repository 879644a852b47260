import CArchive
import HandoffCore

/// Owns one libarchive write handle (`archive_write_new`), writing into an `OutputFile`.
///
/// Set-up follows the order libarchive needs: format, filter, options, passphrase, open.
/// `finish()` writes the trailer and reports its errors; `deinit` frees the handle whatever
/// happened (freeing an unfinished handle is how an abandoned package is dropped: the
/// output refuses further writes once discarded, so nothing lands anywhere).
final class ArchiveWriter {
    private let handle: OpaquePointer
    private let entry = ArchiveEntryHandle()
    /// Kept alive here: libarchive calls back into it until the handle is freed.
    private let output: OutputFile
    private let isZip: Bool
    private var isFinished = false

    init(settings: WriterSettings, output: OutputFile) throws(HandoffError) {
        guard let handle = archive_write_new() else {
            throw .internal("libarchive could not allocate a write handle (out of memory).")
        }
        self.handle = handle
        self.output = output
        self.isZip = settings.format == .zip

        switch settings.format {
        case .zip:
            try check(archive_write_set_format_zip(handle), "Choosing the zip format")
        case .paxRestricted:
            try check(archive_write_set_format_pax_restricted(handle), "Choosing the tar (pax) format")
        }
        switch settings.filter {
        case .none:
            break
        case .gzip:
            try check(archive_write_add_filter_gzip(handle), "Adding gzip compression")
        case .zstd:
            try check(archive_write_add_filter_zstd(handle), "Adding zstd compression")
        }
        for option in settings.options {
            try check(archive_write_set_options(handle, option), "Setting libarchive option '\(option)'")
        }
        if let passphrase = settings.passphrase {
            // The passphrase itself never goes into a message.
            try check(archive_write_set_passphrase(handle, passphrase), "Setting the zip passphrase")
        }
        // Our own callback writes the bytes, so libarchive must not pad the last block with
        // zeros (it would, by default, for anything but a regular file it opened itself).
        try check(archive_write_set_bytes_per_block(handle, Int32(OutputFile.blockSize)), "Setting the block size")
        try check(archive_write_set_bytes_in_last_block(handle, 1), "Turning off end-of-archive padding")

        let context = Unmanaged.passUnretained(output).toOpaque()
        let opened = archive_write_open(handle, context, nil, { _, context, buffer, length in
            // A C callback: it captures nothing, and never throws; OutputFile keeps the error.
            guard let context, let buffer else { return -1 }
            let output = Unmanaged<OutputFile>.fromOpaque(context).takeUnretainedValue()
            return output.write(UnsafeRawBufferPointer(start: buffer, count: length))
        }, nil)
        try check(opened, "Opening the archive for writing")
    }

    deinit {
        // Any error worth reporting was reported by finish(); here the only job is to free.
        _ = archive_write_free(handle)
    }

    /// For zip: whether the next entry is deflated or stored
    /// (`archive_write_zip_set_compression_deflate`/`_store`, which apply from the next header on).
    func setZipCompression(deflate: Bool) throws(HandoffError) {
        guard isZip else { return }
        let code = deflate ? archive_write_zip_set_compression_deflate(handle) : archive_write_zip_set_compression_store(handle)
        try check(code, "Choosing zip compression")
    }

    /// `archive_write_header`: starts an entry; file data follows through `write(_:)`.
    func writeHeader(_ header: EntryHeader) throws(HandoffError) {
        entry.load(header)
        try check(archive_write_header(handle, entry.pointer), "Writing the header of '\(header.path)'")
    }

    /// `archive_write_data`, repeated until libarchive has taken every byte.
    func write(_ bytes: UnsafeRawBufferPointer) throws(HandoffError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = archive_write_data(handle, next, remaining)
            guard written > 0 else {
                throw failure("Writing file data")
            }
            remaining -= written
            next += written
        }
    }

    /// Writes a whole in-memory buffer (the manifest).
    func write(_ bytes: [UInt8]) throws(HandoffError) {
        // withUnsafeBytes is untyped `rethrows`, so the typed error travels out in a Result.
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(HandoffError) in try write(raw) }
        }
        try result.get()
    }

    /// `archive_write_close`: flushes the compressor and writes the trailer (zip central
    /// directory, tar end blocks). Its errors matter: a full disk often shows up only here.
    func finish() throws(HandoffError) {
        guard !isFinished else { return }
        isFinished = true
        try check(archive_write_close(handle), "Finishing the archive")
    }

    private func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(HandoffError) {
        guard code != ARCHIVE_OK else { return }
        throw failure(operation())
    }

    /// Prefers the output's own I/O error (it names the file and the errno) over
    /// libarchive's summary of it.
    private func failure(_ operation: String) -> HandoffError {
        if let error = output.writeError { return error }
        return ArchiveResult.error(handle, operation)
    }
}

@available(*, unavailable) extension ArchiveWriter: Sendable {}
