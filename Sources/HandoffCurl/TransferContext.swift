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
    private let reader: (any UploadReader)?
    private let uploadSize: Int64
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

    init(upload: Upload?, maxBodyBytes: Int) throws(HandoffError) {
        self.maxBodyBytes = maxBodyBytes
        reader = try upload?.open()
        uploadSize = upload?.size ?? 0
    }

    /// Fills libcurl's buffer from the upload; 0 at the end, the abort code on error.
    ///
    /// The reader must produce exactly the announced size: libcurl has told the server how
    /// many bytes come (IMAP's literal), so more or fewer would corrupt the conversation.
    func readUpload(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        guard let reader else { return 0 }
        let wanted = Int(min(Int64(capacity), uploadSize - uploadedBytes))
        do throws(HandoffError) {
            let count = wanted > 0 ? try reader.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: wanted)) : 0
            uploadedBytes += Int64(count)
            if count == 0, uploadedBytes < uploadSize {
                throw .internal("The upload ended after \(uploadedBytes) of the \(uploadSize) bytes announced; the transfer was stopped.")
            }
            // With a known size libcurl stops asking once it has that many bytes, so the
            // end is reached here, not by a read that returns 0.
            if uploadedBytes >= uploadSize { uploadReachedEnd = true }
            return count
        } catch {
            if self.error == nil { self.error = error }
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
