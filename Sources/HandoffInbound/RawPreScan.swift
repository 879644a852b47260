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

/// The line-by-line part of the pre-scan: looks only at the first bytes of each line, in
/// place in the chunk; only a line cut by the chunk's end has its first bytes copied.
private struct LineScanner {
    static let headLength = 24

    var offset: Int64 = 0
    /// The first bytes of a line that the previous chunk cut, and its length so far.
    var pending: [UInt8] = []
    var pendingLength = 0
    var continuing = false

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into result: inout RawPreScan) {
        guard let base = chunk.baseAddress else { return }
        var index = 0
        let count = chunk.count
        while index < count {
            let found = memchr(base + index, 0x0A, count - index)
            let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? count
            let line = UnsafeRawBufferPointer(rebasing: chunk[index..<end])
            guard found != nil else {
                // The line goes on in the next chunk: keep its first bytes.
                if pending.count < Self.headLength { pending += line.prefix(Self.headLength - pending.count) }
                pendingLength += line.count
                continuing = true
                offset += Int64(line.count)
                return
            }
            offset += Int64(line.count + 1)
            index = end + 1
            if continuing {
                if pending.count < Self.headLength { pending += line.prefix(Self.headLength - pending.count) }
                let length = pendingLength + line.count
                pending.withUnsafeBytes { Self.classify(head: $0, length: length, endOffset: offset, into: &result) }
                pending.removeAll(keepingCapacity: true)
                pendingLength = 0
                continuing = false
            } else {
                Self.classify(head: UnsafeRawBufferPointer(rebasing: line.prefix(Self.headLength)), length: line.count, endOffset: offset, into: &result)
            }
        }
    }

    /// Counts one line from its first bytes and its length (without the LF).
    static func classify(head: UnsafeRawBufferPointer, length: Int, endOffset: Int64, into result: inout RawPreScan) {
        if result.headerEnd == nil, length == 0 || (length == 1 && head[0] == 0x0D) {
            result.headerEnd = endOffset
        }
        guard head.count >= 2 else { return }
        if head[0] == 0x2D, head[1] == 0x2D {
            result.dashLines += 1
        } else if head[0] | 0x20 == 0x63, startsContainerType(head) {
            result.containerLines += 1
        }
    }

    static let contentType = Array("content-type:".utf8)
    static let multipart = Array("multipart".utf8)
    static let message = Array("message".utf8)

    /// `Content-Type: multipart/…` or `Content-Type: message/…`, any case, any spaces.
    static func startsContainerType(_ head: UnsafeRawBufferPointer) -> Bool {
        guard head.count > contentType.count else { return false }
        for index in 0..<contentType.count where head[index] | 0x20 != contentType[index] | 0x20 {
            return false
        }
        var start = contentType.count
        while start < head.count, head[start] == 0x20 || head[start] == 0x09 { start += 1 }
        return startsWith(multipart, head, at: start) || startsWith(message, head, at: start)
    }

    static func startsWith(_ word: [UInt8], _ head: UnsafeRawBufferPointer, at start: Int) -> Bool {
        guard head.count - start >= word.count else { return false }
        for index in 0..<word.count where head[start + index] | 0x20 != word[index] { return false }
        return true
    }
}
