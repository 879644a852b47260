#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGMime

/// Streams the decoded bytes of one leaf part, chunk by chunk, without holding the part in
/// memory: the raw window of the file is read through GMime's basic decoder filter
/// (base64, quoted-printable or uuencode), and each decoded chunk goes to `sink`.
enum PartDecoder {
    static let chunkSize = 64 * 1024

    /// The outcome of one decode.
    struct Outcome {
        /// The raw base64 held characters outside the alphabet (GMime skips them).
        var invalidBase64 = false
        /// The sink asked to stop before the end.
        var stopped = false
        /// The stream failed to read.
        var readFailed = false
    }

    /// Feeds the decoded bytes of `part` to `sink` until it returns false or the content
    /// ends. A part without content decodes to nothing.
    static func decode(_ part: UnsafeMutablePointer<GMimePart>, sink: (UnsafeRawBufferPointer) -> Bool) -> Outcome {
        var outcome = Outcome()
        guard let content = g_mime_part_get_content(part), let stream = g_mime_data_wrapper_get_stream(content) else {
            return outcome
        }
        let encoding = g_mime_data_wrapper_get_encoding(content)
        let checksBase64 = encoding == GMIME_CONTENT_ENCODING_BASE64
        let filter: UnsafeMutablePointer<GMimeFilter>? = switch encoding {
        case GMIME_CONTENT_ENCODING_BASE64, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE, GMIME_CONTENT_ENCODING_UUENCODE:
            g_mime_filter_basic_new(encoding, 0)
        default:
            nil
        }
        defer { if let filter { g_object_unref(filter) } }
        guard g_mime_stream_reset(stream) == 0 else {
            outcome.readFailed = true
            return outcome
        }
        var buffer = [CChar](repeating: 0, count: chunkSize)
        // For base64: the data characters read (not line breaks, not padding) and the bytes
        // decoded. When every character is valid, n of them decode to exactly n * 3 / 4
        // bytes; only when the counts disagree is the raw part read again byte by byte.
        var dataCharacters = 0
        var decoded = 0
        while true {
            var count = buffer.withUnsafeMutableBufferPointer { g_mime_stream_read(stream, $0.baseAddress, $0.count) }
            if count < 0 {
                // A bounded file stream answers -1, not 0, when read at its end.
                guard g_mime_stream_eos(stream) != 0 else {
                    outcome.readFailed = true
                    return outcome
                }
                count = 0
            }
            let finished = count == 0
            let keepGoing = buffer.withUnsafeMutableBufferPointer { raw -> Bool in
                if checksBase64 {
                    let chunk = UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: raw[0..<count]))
                    dataCharacters += count - occurrences(of: 0x0A, in: chunk) - occurrences(of: 0x0D, in: chunk) - occurrences(of: 0x3D, in: chunk)
                }
                guard let filter else {
                    return finished || sink(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: raw[0..<count])))
                }
                var output: UnsafeMutablePointer<CChar>?
                var outputLength = 0
                var outputPrespace = 0
                if finished {
                    g_mime_filter_complete(filter, raw.baseAddress, 0, 0, &output, &outputLength, &outputPrespace)
                } else {
                    g_mime_filter_filter(filter, raw.baseAddress, count, 0, &output, &outputLength, &outputPrespace)
                }
                guard let output, outputLength > 0 else { return true }
                decoded += outputLength
                return sink(UnsafeRawBufferPointer(start: output, count: outputLength))
            }
            if !keepGoing {
                outcome.stopped = true
                return outcome
            }
            if finished {
                if checksBase64, decoded != dataCharacters * 3 / 4 {
                    outcome.invalidBase64 = rawHasInvalidBase64(stream)
                }
                return outcome
            }
        }
    }

    /// How many times `byte` occurs in `raw`, by memchr (vectorised by the C library).
    static func occurrences(of byte: UInt8, in raw: UnsafeRawBufferPointer) -> Int {
        guard var position = raw.baseAddress else { return 0 }
        let end = position + raw.count
        var found = 0
        while position < end, let hit = memchr(position, Int32(byte), end - position) {
            found += 1
            position = UnsafeRawPointer(hit) + 1
        }
        return found
    }

    /// Reads the raw part again and checks every byte against the base64 alphabet.
    static func rawHasInvalidBase64(_ stream: UnsafeMutablePointer<GMimeStream>) -> Bool {
        guard g_mime_stream_reset(stream) == 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { g_mime_stream_read(stream, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            if buffer.withUnsafeBytes({ hasInvalidBase64(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }) { return true }
        }
    }

    /// Whether `raw` holds a byte that is neither in the base64 alphabet, nor padding, nor
    /// white space. A table and a plain loop. (Swift's SIMD types were measured ten times
    /// slower here.)
    static func hasInvalidBase64(_ raw: UnsafeRawBufferPointer) -> Bool {
        base64Invalid.withUnsafeBufferPointer { table in
            var invalid: UInt8 = 0
            for byte in raw { invalid |= table[Int(byte)] }
            return invalid != 0
        }
    }

    /// 1 for the bytes `hasInvalidBase64` refuses, 0 for the others.
    static let base64Invalid: [UInt8] = (0...255).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), 0x20, 0x09, 0x0D, 0x0A:
            0
        default:
            1
        }
    }

    /// The decoded bytes of `part`, at most `limit` of them; `truncated` when there were more.
    static func bytes(of part: UnsafeMutablePointer<GMimePart>, limit: Int) -> (bytes: [UInt8], truncated: Bool, outcome: Outcome) {
        var bytes: [UInt8] = []
        var truncated = false
        let outcome = decode(part) { chunk in
            let room = limit - bytes.count
            if chunk.count > room {
                bytes.append(contentsOf: chunk.prefix(room))
                truncated = true
                return false
            }
            bytes.append(contentsOf: chunk)
            return true
        }
        return (bytes, truncated, outcome)
    }
}
