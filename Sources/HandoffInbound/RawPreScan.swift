#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import HandoffCore

/// One cheap streaming pass over the raw bytes before GMime sees them: the size and SHA-256
/// of the file, where the header section ends, and counts that hint at the cost of a full
/// parse. GMime builds every part in memory (a hundred thousand empty parts cost it about
/// 160 MB) and recurses on nesting, so a file that looks too costly is read for its
/// headers only.
struct RawPreScan {
    var size: Int64 = 0
    var sha256 = ""
    /// Bytes up to and including the blank line that ends the top header section; nil when
    /// the file has no blank line.
    var headerEnd: Int64?
    /// Lines that start with `--`: every MIME part is announced by one.
    var dashLines = 0
    /// Lines that start a multipart or message Content-Type: a bound on the nesting.
    var containerLines = 0

    /// Reads `file` from start to end in chunks of up to 1 MiB; never holds more than one.
    static func scan(file: String) throws(HandoffError) -> RawPreScan {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .unavailable("Cannot read the mail file \(file): \(FileSystem.errnoText()).")
        }
        defer { _ = close(fd) }
        var result = RawPreScan()
        var hasher = SHA256()
        var lineScanner = LineScanner()
        // Most mail is small: a buffer the size of the file (up to 1 MiB) saves zeroing a
        // whole MiB per message.
        var info = stat()
        let fileSize = fstat(fd, &info) == 0 ? Int(info.st_size) : 1 << 20
        var buffer = [UInt8](repeating: 0, count: min(1 << 20, max(4096, fileSize + 1)))
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unavailable("Cannot read the mail file \(file): \(FileSystem.errnoText()).")
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                hasher.update(bufferPointer: chunk)
                lineScanner.feed(chunk, into: &result)
            }
        }
        result.size = lineScanner.offset
        result.sha256 = Hex.string(hasher.finalize())
        return result
    }
}

/// The line-by-line part of the pre-scan: looks only at the first bytes of each line.
private struct LineScanner {
    var offset: Int64 = 0
    var atLineStart = true
    /// Bytes of the current line seen so far, up to the few the checks need.
    var head: [UInt8] = []
    var lineIsBlank = true

    static let headLength = 24

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into result: inout RawPreScan) {
        guard let base = chunk.baseAddress else { return }
        var index = 0
        let count = chunk.count
        while index < count {
            if atLineStart {
                head.removeAll(keepingCapacity: true)
                lineIsBlank = true
                atLineStart = false
            }
            // Find the end of this line in the chunk with memchr: lines are long, checks few.
            let start = index
            let remaining = count - index
            let found = memchr(base + index, 0x0A, remaining)
            let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? count
            if head.count < Self.headLength {
                let take = min(Self.headLength - head.count, end - start)
                head.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<(start + take)]))
            }
            for byte in UnsafeRawBufferPointer(rebasing: chunk[start..<min(end, start + 2)]) where byte != 0x0D {
                lineIsBlank = false
            }
            if end - start > 2 { lineIsBlank = false }
            if found == nil {
                offset += Int64(count - start)
                return
            }
            offset += Int64(end + 1 - start)
            index = end + 1
            finishLine(into: &result)
            atLineStart = true
        }
    }

    mutating func finishLine(into result: inout RawPreScan) {
        if lineIsBlank, result.headerEnd == nil {
            result.headerEnd = offset
        }
        if head.count >= 2, head[0] == 0x2D, head[1] == 0x2D {
            result.dashLines += 1
        } else if Self.startsContainerType(head) {
            result.containerLines += 1
        }
    }

    /// `Content-Type: multipart/…` or `Content-Type: message/…`, any case, any spaces.
    static func startsContainerType(_ head: [UInt8]) -> Bool {
        let prefix = Array("content-type:".utf8)
        guard head.count > prefix.count else { return false }
        for (index, byte) in prefix.enumerated() where head[index] | 0x20 != byte | 0x20 {
            return false
        }
        let rest = head[prefix.count...].drop { $0 == 0x20 || $0 == 0x09 }.map { $0 | 0x20 }
        return rest.starts(with: Array("multipart".utf8)) || rest.starts(with: Array("message".utf8))
    }
}
