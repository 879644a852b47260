import HandoffCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides, per file, whether a zip entry is deflated or stored.
///
/// Under `.auto`, deflating what is already compressed only burns time (and can grow the
/// file), so a file is stored when its extension says it is compressed, or when its first
/// block looks random. "Looks random" is measured by the byte entropy of up to the first
/// 64 KiB: compressed and encrypted data sit near 8 bits per byte, text and CSV near 4-5,
/// office XML and executables well below 7.5. One pass of counting costs far less than
/// even a level-1 deflate of the same block, and the decision depends only on the bytes,
/// so the same folder still gives the same archive.
enum CompressionChoice {
    /// Stored above this many bits per byte.
    static let entropyThreshold = 7.5
    static let sampleSize = 64 * 1024

    /// Formats that are compressed inside (Office and OpenDocument files are zips).
    static let compressedExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif", "jxl",
        "pdf",
        "zip", "docx", "xlsx", "pptx", "docm", "xlsm", "pptm", "odt", "ods", "odp", "odg", "epub",
        "pages", "numbers", "key",
        "mp3", "mp4", "m4a", "m4v", "aac", "ogg", "oga", "opus", "flac", "wma",
        "mov", "avi", "mkv", "webm", "wmv",
        "gz", "tgz", "bz2", "tbz2", "xz", "txz", "zst", "tzst", "lz4", "lzma", "br",
        "7z", "rar", "jar", "apk", "aab", "ipa", "cab", "dmg",
        "woff", "woff2",
    ]

    /// Whether the file's extension alone says "store". Decided before reading anything.
    static func isCompressedByName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return compressedExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// Whether to deflate a file, given its name and its first bytes.
    static func shouldDeflate(policy: CompressionPolicy, name: String, firstBlock: UnsafeRawBufferPointer) -> Bool {
        switch policy {
        case .always: return true
        case .never: return false
        case .auto:
            if firstBlock.isEmpty || isCompressedByName(name) { return false }
            return entropy(of: UnsafeRawBufferPointer(rebasing: firstBlock.prefix(sampleSize))) <= entropyThreshold
        }
    }

    /// Shannon entropy of the bytes, in bits per byte (0 to 8).
    static func entropy(of bytes: UnsafeRawBufferPointer) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            bits -= p * log2(p)
        }
        return bits
    }
}
