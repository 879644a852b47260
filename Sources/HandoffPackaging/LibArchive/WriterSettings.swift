import HandoffCore

/// How a libarchive write handle is set up for one package: a pure value, so the choices
/// (levels, options) are written down in one place and can be checked without writing.
///
/// Compression for the tar formats applies to the whole stream, since gzip and zstd cannot
/// switch per file inside a tar:
/// - tar.gz: `.auto` and `.always` use gzip level 6 (zlib's default, what `tar -z` does);
///   `.never` uses level 0, which still makes a valid `.gz` file of stored blocks.
/// - tar.zst: `.auto` and `.always` use zstd level 3 (zstd's default); `.never` uses level
///   -50: zstd has no store mode, and its fast negative levels come close to one (text
///   shrinks by a few percent), where level 1 still compresses about as well as level 3.
/// zstd runs single-threaded: its worker mode buys little next to our own reading thread on
/// a small machine and costs about 40 MiB more memory at level 3, which the flat-memory
/// promise cannot afford.
struct WriterSettings: Equatable {
    enum Format: Equatable {
        case zip
        /// POSIX ustar with pax extensions only where needed (long or non-ASCII names, big files).
        case paxRestricted
    }

    enum Filter: Equatable {
        case none
        case gzip
        case zstd
    }

    var format: Format
    var filter: Filter
    /// `module:option=value` strings for `archive_write_set_options`, applied one by one.
    var options: [String]
    var passphrase: String?

    init(format archiveFormat: ArchiveFormat, compression: CompressionPolicy, passphrase: String?) {
        self.passphrase = passphrase
        switch archiveFormat {
        case .zip:
            format = .zip
            filter = .none
            // The UTF-8 flag on every name, whatever the locale.
            options = ["zip:hdrcharset=UTF-8"]
            if passphrase != nil {
                // Without this option libarchive takes the passphrase and writes the files
                // in the clear.
                options.append("zip:encryption=aes256")
            }
        case .tarGz:
            format = .paxRestricted
            filter = .gzip
            // No timestamp in the gzip header, so the same folder gives the same bytes.
            options = ["gzip:!timestamp", "gzip:compression-level=\(compression == .never ? 0 : 6)"]
        case .tarZst:
            format = .paxRestricted
            filter = .zstd
            options = ["zstd:compression-level=\(compression == .never ? -50 : 3)"]
        }
    }
}
