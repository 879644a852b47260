#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CCurl
import HandoffCore

/// An easy handle used with `CURLOPT_CONNECT_ONLY`: libcurl connects, upgrades with STARTTLS
/// and logs in, then `curl_easy_send`/`curl_easy_recv` carry the caller's own protocol.
/// Lives on the thread of its `CurlStream`, like every `CurlEasy`.
final class ConnectedEasy {
    private let easy: CurlEasy
    /// The debug callback's context and the option lists stay alive as long as the handle.
    private var context: TransferContext?
    private let lists = SListOwner()

    init() throws(HandoffError) {
        easy = try CurlEasy()
    }

    deinit {
        lists.freeAll()
    }

    /// `curl_easy_perform` with CONNECT_ONLY: returns once logged in, or with libcurl's
    /// failure (a refused login, a certificate that did not verify).
    func connect(_ request: CurlRequest) throws(HandoffError) -> CurlResponse {
        var request = request
        request.connectOnly = true
        easy.errorBuffer[0] = 0
        let context = try TransferContext(upload: nil, maxBodyBytes: 0)
        self.context = context
        try easy.apply(request, context: context, lists: lists)
        let code = curl_easy_perform(easy.handle)
        context.finishTranscript()
        if let error = context.error { throw error }
        // From here on only our own bytes pass: no transcript of message bodies is kept.
        try easy.set(CURLOPT_VERBOSE, 0)
        return CurlResponse(
            failure: CurlFailure.check(code, errorBuffer: easy.errorBuffer), transcript: context.transcript, body: [],
            uploadReachedEnd: false, uploadedBytes: 0, responseCode: 0)
    }

    /// `curl_easy_send` until every byte is out, waiting for the socket when libcurl says
    /// `CURLE_AGAIN`. Returns a failure instead of throwing: the stream words it.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) -> CurlFailure? {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { buffer in
                curl_easy_send(easy.handle, buffer.baseAddress! + offset, buffer.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                if let failure = wait(for: Int16(POLLOUT), until: deadline) { return failure }
                continue
            }
            if let failure = CurlFailure.check(code, errorBuffer: easy.errorBuffer) { return failure }
            offset += sent
        }
        return nil
    }

    /// `curl_easy_recv` of up to `capacity` bytes: some bytes, an empty array when the
    /// server closed the connection, or a `.timedOut` failure when nothing came before `deadline`.
    func receive(capacity: Int, deadline: ContinuousClock.Instant) -> CurlReceived {
        var buffer = [UInt8](repeating: 0, count: capacity)
        while true {
            var received = 0
            let code = buffer.withUnsafeMutableBytes { curl_easy_recv(easy.handle, $0.baseAddress, capacity, &received) }
            if code == CURLE_AGAIN {
                if let failure = wait(for: Int16(POLLIN), until: deadline) { return .failed(failure) }
                continue
            }
            if let failure = CurlFailure.check(code, errorBuffer: easy.errorBuffer) { return .failed(failure) }
            buffer.removeSubrange(received...)
            return .bytes(buffer)
        }
    }

    /// poll(2) on `CURLINFO_ACTIVESOCKET` until it is ready or the deadline passes.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) -> CurlFailure? {
        var socket = curl_socket_t(-1)
        guard handoff_curl_getinfo_socket(easy.handle, &socket) == CURLE_OK, socket >= 0 else {
            return CurlFailure(kind: .receiveFailed, code: Int(CURLE_RECV_ERROR.rawValue), message: "the connection is closed")
        }
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                return CurlFailure(kind: .timedOut, code: Int(CURLE_OPERATION_TIMEDOUT.rawValue), message: "no answer in time")
            }
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return nil }
            if ready < 0, errno != EINTR {
                return CurlFailure(kind: .receiveFailed, code: Int(CURLE_RECV_ERROR.rawValue), message: "poll failed (errno \(errno))")
            }
        }
    }
}

@available(*, unavailable)
extension ConnectedEasy: Sendable {}
