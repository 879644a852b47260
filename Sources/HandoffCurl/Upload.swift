#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import HandoffCore

/// Produces the bytes of an upload in order, one buffer at a time, on the transfer's thread.
///
/// libcurl's read callback asks for the next bytes as it sends them, so a reader can make
/// them on the fly (a MIME message base64-encoding its attachment as it goes) instead of
/// having them written to a file first. Not `Sendable`: a reader lives on one thread.
public protocol UploadReader: AnyObject {
    /// Fills as much of `buffer` as it can and returns the count; 0 means the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HandoffError) -> Int
}

/// What a transfer uploads: its exact size (announced to the server: SMTP `SIZE=`, the
/// IMAP APPEND literal) and how to start reading it. A value, so a request stays
/// `Sendable`; the reader is made on the connection's thread when the transfer starts.
public struct Upload: Sendable {
    public let size: Int64
    let open: @Sendable () throws(HandoffError) -> any UploadReader

    public init(size: Int64, open: @escaping @Sendable () throws(HandoffError) -> any UploadReader) {
        self.size = size
        self.open = open
    }

    /// A file uploaded as it is; its size is read now.
    public static func file(_ path: String) throws(HandoffError) -> Upload {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .badInput("Cannot read the size of \(path) to send it: \(String(cString: strerror(errno))).")
        }
        return Upload(size: Int64(info.st_size)) { () throws(HandoffError) in try FileUploadReader(path: path) }
    }
}

/// Reads an upload straight from a file.
final class FileUploadReader: UploadReader {
    private let path: String
    private let descriptor: Int32

    init(path: String) throws(HandoffError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .badInput("Cannot open \(path) to send it: \(String(cString: strerror(errno))).")
        }
        self.path = path
        descriptor = fd
    }

    deinit { _ = close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HandoffError) -> Int {
        while true {
            let count = readDescriptor(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .unavailable("Cannot read \(path) while sending it: \(String(cString: strerror(errno))).")
        }
    }
}

/// read(2), named apart from `FileUploadReader.read` so the call inside it is unambiguous.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
