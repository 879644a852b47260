import HandoffCore

/// The files a session writes for the poller: one per fetched message, named after its key.
enum InboxFiles {
    /// The most header bytes kept for a message fetched as its header alone.
    static let maxHeaderBytes = 1 << 20

    /// `<key>.eml`, every byte outside `A-Z a-z 0-9 . _ -` written as `%XX`, so two keys
    /// never share a file and no key reaches outside the folder.
    static func fileName(for key: String) -> String {
        var name = ""
        for byte in key.utf8 {
            let keep = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || (byte == UInt8(ascii: ".") && !name.isEmpty)
            name += keep ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return name + ".eml"
    }

    /// Copies `source` to `target` (written atomically, mode 0600).
    static func copy(_ source: String, to target: String) throws(HandoffError) {
        try transfer(source, to: target) { _ in false }
    }

    /// Copies the header of `source` (up to and including the blank line that ends it, at
    /// most `maxHeaderBytes`) to `target`.
    static func writeHeader(of source: String, to target: String) throws(HandoffError) {
        var scanner = HeaderEndScanner()
        try transfer(source, to: target) { block in scanner.trimToHeaderEnd(&block) }
    }

    /// Streams `source` into a new `target`; `stop` may end the copy early, returning true
    /// after trimming the block it was given to what should still be written.
    private static func transfer(_ source: String, to target: String, stop: (inout [UInt8]) -> Bool) throws(HandoffError) {
        let input = try InputFile(path: source, role: "the message")
        let output = try MessageFile(finalPath: target)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        defer { block.deallocate() }
        while true {
            let count = try input.read(into: block)
            if count == 0 { break }
            var bytes = Array(block[0..<count])
            let done = stop(&bytes)
            try output.write(bytes)
            if done { break }
        }
        // Staging copies are not synced: they live until parsed and stored, and a crash
        // before that reads the message again.
        try output.commit(sync: false)
    }
}

/// Finds where a message's header ends (`\n\n` or `\r\n\r\n`) across blocks.
struct HeaderEndScanner {
    private var previous: [UInt8] = []
    private var seen = 0

    /// Trims `block` to the end of the header and returns true once it is found, or once
    /// `InboxFiles.maxHeaderBytes` have passed (a header that never ends).
    mutating func trimToHeaderEnd(_ block: inout [UInt8]) -> Bool {
        for index in block.indices {
            let byte = block[index]
            if byte == UInt8(ascii: "\n"), previous.last == UInt8(ascii: "\n") || previous.suffix(2) == [UInt8(ascii: "\n"), UInt8(ascii: "\r")] {
                block.removeSubrange((index + 1)...)
                return true
            }
            previous = Array((previous + [byte]).suffix(2))
            seen += 1
            if seen >= InboxFiles.maxHeaderBytes {
                block.removeSubrange((index + 1)...)
                return true
            }
        }
        return false
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
