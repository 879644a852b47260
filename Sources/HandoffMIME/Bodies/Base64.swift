/// Base64 (RFC 4648) for attachment bodies: 76-character lines joined by CRLF, encoded in
/// large chunks straight from a read buffer into a write buffer.
public enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 57 input bytes make exactly one 76-character line.
    public static let bytesPerLine = 57
    public static let charactersPerLine = 76

    /// The size of `byteCount` bytes encoded as lines joined by CRLF, with no CRLF after the
    /// last line (the CRLF that follows belongs to the next MIME boundary).
    public static func encodedSize(ofByteCount byteCount: Int64) -> Int64 {
        guard byteCount > 0 else { return 0 }
        let characters = (byteCount + 2) / 3 * 4
        let lines = (byteCount + Int64(bytesPerLine) - 1) / Int64(bytesPerLine)
        return characters + (lines - 1) * 2
    }

    /// Unbroken base64 of a small buffer (for encoded words).
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(value >> 18)], alphabet[Int(value >> 12 & 0x3F)], alphabet[Int(value >> 6 & 0x3F)], alphabet[Int(value & 0x3F)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out += [alphabet[Int(value >> 18)], alphabet[Int(value >> 12 & 0x3F)]]
            out += rest == 2 ? [alphabet[Int(value >> 6 & 0x3F)], UInt8(ascii: "=")] : [UInt8(ascii: "="), UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Encodes a byte stream as base64 lines, one chunk at a time.
///
/// Every chunk but the last must hold a whole number of 57-byte lines, so chunks never split
/// a line or a 3-byte group and no bytes carry over between calls. Each line is preceded by
/// CRLF except the very first, which leaves the stream without a trailing CRLF.
public struct Base64LineEncoder {
    private var startedLine = false

    public init() {}

    /// The most output `inputCount` bytes can produce, CRLFs included.
    public static func outputCapacity(forInputCount inputCount: Int) -> Int {
        let lines = (inputCount + Base64.bytesPerLine - 1) / Base64.bytesPerLine
        return lines * (Base64.charactersPerLine + 2)
    }

    /// Encodes `input` into `output` (at least `outputCapacity` bytes) and returns the number
    /// of bytes written.
    public mutating func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        guard input.count > 0, let source = input.baseAddress, let destination = output.baseAddress else { return 0 }
        precondition(output.count >= Self.outputCapacity(forInputCount: input.count), "base64 output buffer too small")
        let src = source.assumingMemoryBound(to: UInt8.self)
        let dst = destination.assumingMemoryBound(to: UInt8.self)
        return Base64.alphabet.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            var read = 0
            var written = 0
            while read < input.count {
                if startedLine {
                    dst[written] = 0x0D
                    dst[written + 1] = 0x0A
                    written += 2
                }
                startedLine = true
                let lineEnd = min(read + Base64.bytesPerLine, input.count)
                while read + 3 <= lineEnd {
                    let b0 = UInt32(src[read]), b1 = UInt32(src[read + 1]), b2 = UInt32(src[read + 2])
                    let value = b0 << 16 | b1 << 8 | b2
                    dst[written] = table[Int(value >> 18)]
                    dst[written + 1] = table[Int(value >> 12 & 0x3F)]
                    dst[written + 2] = table[Int(value >> 6 & 0x3F)]
                    dst[written + 3] = table[Int(value & 0x3F)]
                    read += 3
                    written += 4
                }
                let rest = lineEnd - read
                if rest > 0 {
                    // Only the final line of the stream can end mid-group.
                    let b0 = UInt32(src[read]), b1 = rest == 2 ? UInt32(src[read + 1]) : 0
                    let value = b0 << 16 | b1 << 8
                    dst[written] = table[Int(value >> 18)]
                    dst[written + 1] = table[Int(value >> 12 & 0x3F)]
                    dst[written + 2] = rest == 2 ? table[Int(value >> 6 & 0x3F)] : UInt8(ascii: "=")
                    dst[written + 3] = UInt8(ascii: "=")
                    read += rest
                    written += 4
                }
            }
            return written
        }
    }
}
