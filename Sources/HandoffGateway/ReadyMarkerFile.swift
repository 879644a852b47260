import Foundation
import HandoffCore

/// Reading a `READY` file as the bytes an editor saved, not as text we hope for.
///
/// A marker that cannot be read exactly is refused, never read as empty: its lines may say
/// who gets the work (`to:`) and whether it is encrypted (`encrypt:`), so dropping them
/// would send the work on the project's defaults. Windows editors save CRLF or UTF-16
/// ("Unicode" in Notepad); old Mac ones CR; Latin-1 is still common.
extension ReadyMarker {
    /// A marker holds a few lines of settings; anything bigger is some other file renamed.
    static let maximumSize = 64 * 1024

    /// Reads and parses the marker at `path` (a file named `READY`).
    public init(contentsOf path: String) throws(HandoffError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw .badInput("\(path): cannot be read (\(String(cString: strerror(errno)))); it must be a plain text file, empty or with 'key: value' lines.")
        }
        // Only a regular file: a folder has no text, and reading a FIFO would block the scan.
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what = type == S_IFDIR ? "a folder" : type == S_IFLNK ? "a symbolic link" : "not a regular file"
            throw .badInput("\(path) is \(what); it must be a plain text file, empty or with 'key: value' lines. Replace it with a file named READY.")
        }
        guard info.st_size <= Self.maximumSize else {
            throw .badInput("\(path) is \(ByteCount.format(Int64(info.st_size))); a READY file holds a few 'key: value' lines (at most \(ByteCount.format(Int64(Self.maximumSize)))). Was another file renamed to READY?")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .badInput("\(path): cannot be read (\(error.localizedDescription)); make it readable by the user Handoff runs as.")
        }
        try self.init(lines: try Self.lines(of: data, path: path), path: path)
    }

    /// The marker's lines, split at LF, CRLF or CR, each checked to be UTF-8 text.
    static func lines(of data: Data, path: String) throws(HandoffError) -> [String] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .badInput("\(path) is saved as UTF-16 (\"Unicode\" in Notepad). Save it again as UTF-8 (File > Save As > Encoding: UTF-8).")
        }
        // A UTF-8 byte-order mark says nothing the text does not; Notepad adds it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lines: [String] = []
        var start = 0
        var index = 0
        // CR and LF never occur inside a multi-byte UTF-8 sequence, so splitting the bytes
        // first gives each line its number even when another line is not UTF-8.
        while index <= bytes.count {
            let atEnd = index == bytes.count
            if atEnd || bytes[index] == 0x0A || bytes[index] == 0x0D {
                lines.append(try line(bytes[start..<index], number: lines.count + 1, path: path))
                if !atEnd, bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        return lines
    }

    private static func line(_ bytes: ArraySlice<UInt8>, number: Int, path: String) throws(HandoffError) -> String {
        if bytes.contains(0) {
            throw .badInput("\(path):\(number): has NUL bytes; the file looks saved as UTF-16 (\"Unicode\" in Notepad). Save it again as UTF-8 (File > Save As > Encoding: UTF-8).")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badInput("\(path):\(number): is not UTF-8 text (it looks saved as Latin-1 or Windows-1252). Save the file again as UTF-8.")
        }
        if let control = text.firstControlCharacter(allowingTab: true) {
            throw .badInput("\(path):\(number): has a control character (\(control.codePoint)); a READY file holds plain 'key: value' lines.")
        }
        return text
    }
}
