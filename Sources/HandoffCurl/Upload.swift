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
}
