import CArchive
import Crypto
import HandoffCore

/// Owns one libarchive read handle (`archive_read_new`) over an archive file.
///
/// It reads the formats Handoff writes and nothing else: zip, and tar (ustar, pax, GNU)
/// plain, gzip- or zstd-compressed. `archive_read_support_filter_all` is avoided on
/// purpose: for some formats it would start an external program on untrusted input.
final class ArchiveReader {
    /// One entry's header, copied out of libarchive's entry (which the next call reuses).
    struct Header {
        var path: String
        var size: Int64
        var fileType: UInt32
        var isEncrypted: Bool
    }

    private let handle: OpaquePointer
    private let path: String
    private var isClosed = false

    init(path: String, passphrase: String?) throws(HandoffError) {
        guard let handle = archive_read_new() else {
            throw .internal("libarchive could not allocate a read handle (out of memory).")
        }
        self.handle = handle
        self.path = path
        try check(archive_read_support_format_zip(handle), "Enabling zip reading")
        try check(archive_read_support_format_tar(handle), "Enabling tar reading")
        try check(archive_read_support_filter_gzip(handle), "Enabling gzip reading")
        try check(archive_read_support_filter_zstd(handle), "Enabling zstd reading")
        if let passphrase {
            try check(archive_read_add_passphrase(handle, passphrase), "Setting the passphrase")
        }
        let opened = archive_read_open_filename(handle, path, 1 << 16)
        try ArchiveResult.check(opened, handle, "Opening '\(path)' as an archive (zip, tar.gz or tar.zst)", kind: .badInput, acceptWarnings: true)
    }

    deinit {
        // Reading has nothing left to flush; any error was reported where it happened.
        _ = archive_read_free(handle)
    }

    /// `archive_read_next_header`: the next entry, or nil at the end of the archive.
    func next() throws(HandoffError) -> Header? {
        var entry: OpaquePointer?
        let code = archive_read_next_header(handle, &entry)
        if code == ARCHIVE_EOF { return nil }
        try ArchiveResult.check(code, handle, "Reading the next entry of '\(path)'", kind: .badInput, acceptWarnings: true)
        guard let entry else { throw .internal("libarchive returned no entry for '\(path)'.") }
        // The UTF-8 form when libarchive has one; it has, for names it could decode.
        let name = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry)
        return Header(
            path: name.map { String(cString: $0) } ?? "",
            size: archive_entry_size(entry),
            fileType: UInt32(archive_entry_filetype(entry)),
            isEncrypted: archive_entry_is_encrypted(entry) != 0
        )
    }

    /// `archive_read_data` to the end of the current entry, hashed with SHA-256.
    /// Fails for an encrypted entry without the right passphrase.
    func digestOfCurrentEntry(named name: String) throws(HandoffError) -> String {
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = archive_read_data(handle, buffer.baseAddress, buffer.count)
            if count == 0 { break }
            guard count > 0 else {
                throw ArchiveResult.error(handle, "Reading '\(name)' in '\(path)'", kind: .badInput)
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        return Hex.string(hasher.finalize())
    }

    /// The whole current entry in memory, for small entries such as the manifest.
    func contentsOfCurrentEntry(named name: String, limit: Int) throws(HandoffError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { archive_read_data(handle, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else {
                throw ArchiveResult.error(handle, "Reading '\(name)' in '\(path)'", kind: .badInput)
            }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= limit else {
                throw .badInput("'\(name)' in '\(path)' is larger than \(limit) bytes, too large for what it claims to be.")
            }
        }
    }

    /// `archive_read_close`.
    func close() throws(HandoffError) {
        guard !isClosed else { return }
        isClosed = true
        try ArchiveResult.check(archive_read_close(handle), handle, "Closing '\(path)'", kind: .badInput, acceptWarnings: true)
    }

    private func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(HandoffError) {
        try ArchiveResult.check(code, handle, operation(), acceptWarnings: true)
    }
}

@available(*, unavailable) extension ArchiveReader: Sendable {}

extension ArchiveEntryInfo.EntryType {
    /// From libarchive's `AE_IF*` file type.
    init(fileType: UInt32) {
        switch fileType {
        case UInt32(handoff_archive_type_regular()): self = .file
        case UInt32(handoff_archive_type_directory()): self = .directory
        case UInt32(handoff_archive_type_symlink()): self = .symlink
        default: self = .other
        }
    }
}
