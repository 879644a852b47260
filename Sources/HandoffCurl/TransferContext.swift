#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import HandoffCore

/// The state of one running transfer that libcurl's callbacks read and write.
///
/// Callbacks get it back from an opaque pointer (`Unmanaged.passUnretained`); `CurlEasy`
/// keeps it alive until `curl_easy_perform` returns. Callbacks never throw: they store the
/// first error here and return libcurl's abort code, and `CurlEasy` throws it afterwards.
final class TransferContext {
    let uploadPath: String?
    private var uploadDescriptor: Int32 = -1
    let maxBodyBytes: Int

    var body: [UInt8] = []
    var transcript: [TranscriptLine] = []
    var uploadReachedEnd = false
    var uploadedBytes: Int64 = 0
    /// The first error a callback met; thrown once the transfer has returned.
    var error: HandoffError?

    /// Bytes of a response line not yet ended by LF, per direction.
    private var pendingIn: [UInt8] = []
    private var pendingOut: [UInt8] = []
    /// Bounds the transcript so a chatty server cannot grow memory without end.
    private var transcriptBytes = 0
    static let maxTranscriptBytes = 4 << 20

    init(uploadPath: String?, maxBodyBytes: Int) throws(HandoffError) {
        self.uploadPath = uploadPath
        self.maxBodyBytes = maxBodyBytes
        if let uploadPath {
            let fd = open(uploadPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw .badInput("Cannot open \(uploadPath) to send it: \(String(cString: strerror(errno))).")
            }
            uploadDescriptor = fd
        }
    }

    deinit {
        if uploadDescriptor >= 0 { _ = close(uploadDescriptor) }
    }

    /// The size announced to libcurl, once asked for.
    private var announcedSize: Int64?

    /// The size of the upload file, for `CURLOPT_INFILESIZE_LARGE` (SMTP SIZE=, IMAP APPEND).
    func uploadSize() throws(HandoffError) -> Int64 {
        var info = stat()
        guard uploadDescriptor >= 0, fstat(uploadDescriptor, &info) == 0 else {
            throw .badInput("Cannot read the size of \(uploadPath ?? "the upload"): \(String(cString: strerror(errno))).")
        }
        announcedSize = Int64(info.st_size)
        return Int64(info.st_size)
    }

    /// Fills libcurl's buffer from the upload file; 0 at the end, the abort code on error.
    func readUpload(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        guard uploadDescriptor >= 0 else { return 0 }
        while true {
            let count = read(uploadDescriptor, buffer, capacity)
            if count > 0 {
                uploadedBytes += Int64(count)
                // With a known size libcurl stops asking once it has that many bytes, so
                // the end is reached here, not by a read that returns 0.
                if let announcedSize, uploadedBytes >= announcedSize { uploadReachedEnd = true }
                return count
            }
            if count == 0 {
                uploadReachedEnd = true
                return 0
            }
            if errno == EINTR { continue }
            if error == nil {
                error = .unavailable("Cannot read \(uploadPath ?? "the upload") while sending it: \(String(cString: strerror(errno))).")
            }
            return Int(CURL_READFUNC_ABORT_VALUE)
        }
    }

    /// Keeps response body bytes; returns false (abort) past the limit.
    func appendBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            if error == nil { error = .unavailable("The server's response was larger than \(maxBodyBytes) bytes; the transfer was stopped.") }
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Splits what the debug callback saw into lines (libcurl usually hands whole lines,
    /// but nothing promises it).
    func record(_ bytes: UnsafeBufferPointer<UInt8>, incoming: Bool) {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                var line = incoming ? pendingIn : pendingOut
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if incoming { pendingIn.removeAll(keepingCapacity: true) } else { pendingOut.removeAll(keepingCapacity: true) }
                append(String(decoding: line, as: UTF8.self), incoming: incoming)
            } else if incoming {
                pendingIn.append(byte)
            } else {
                pendingOut.append(byte)
            }
        }
    }

    /// Ends the transcript: a last line the server never ended still counts.
    func finishTranscript() {
        if !pendingIn.isEmpty {
            append(String(decoding: pendingIn, as: UTF8.self), incoming: true)
            pendingIn.removeAll()
        }
        pendingOut.removeAll()
    }

    private func append(_ line: String, incoming: Bool) {
        guard transcriptBytes + line.utf8.count <= Self.maxTranscriptBytes else { return }
        transcriptBytes += line.utf8.count
        transcript.append(incoming ? .received(line) : .sent(CommandRedaction.redact(line)))
    }
}

@available(*, unavailable)
extension TransferContext: Sendable {}

/// `CURL_READFUNC_ABORT` is a macro Swift imports as an Int32; named once here.
let CURL_READFUNC_ABORT_VALUE: Int32 = 0x1000_0000
