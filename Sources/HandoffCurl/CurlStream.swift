import Foundation
import HandoffCore

/// A connection libcurl opened and logged in to (`CURLOPT_CONNECT_ONLY`), on which the
/// caller speaks the protocol itself: for IMAP commands libcurl does not offer (a batched
/// `UID FETCH … BODY.PEEK[]`, IDLE).
///
/// The blocking sends and receives run on a thread of the stream's own, never on Swift's
/// cooperative pool; callers await each step. The connection ends with `close()` or when
/// the stream is released.
public final class CurlStream: Sendable {
    private let queue: WorkQueue<ConnectedEasy>

    /// - Parameter name: the thread's name, seen in debuggers and `top -H`.
    public init(name: String = "handoff.curl.stream") {
        // Created, used and cleaned up (curl_easy_cleanup closes the socket) on that thread.
        queue = WorkQueue<ConnectedEasy>.startThread(name: name) { () throws(HandoffError) in try ConnectedEasy() }
    }

    deinit {
        queue.close()
    }

    /// Connects, upgrades with STARTTLS where the scheme needs it, and logs in. libcurl's
    /// failure (refused login, unverified certificate, no STARTTLS) is in the response.
    public func connect(_ request: CurlRequest) async throws(HandoffError) -> CurlResponse {
        try await queue.run { easy throws(HandoffError) in try easy.connect(request) }
    }

    /// Sends every byte, or reports why not within `timeout` seconds.
    public func send(_ bytes: [UInt8], timeout: Double) async throws(HandoffError) -> CurlFailure? {
        try await queue.run { easy in easy.send(bytes, deadline: Self.deadline(timeout)) }
    }

    /// Up to `capacity` bytes as soon as some arrive; empty when the server closed the
    /// connection; a `.timedOut` failure when nothing came within `timeout` seconds.
    public func receive(capacity: Int = 256 << 10, timeout: Double) async throws(HandoffError) -> CurlReceived {
        try await queue.run { easy in easy.receive(capacity: capacity, deadline: Self.deadline(timeout)) }
    }

    /// Ends the thread and the connection once the steps already asked for are done.
    public func close() {
        queue.close()
    }

    private static func deadline(_ seconds: Double) -> ContinuousClock.Instant {
        .now + .milliseconds(Int64(max(0, min(seconds, 86_400)) * 1000))
    }
}

/// What one receive on a `CurlStream` got.
public enum CurlReceived: Sendable {
    /// Some bytes; an empty array means the server closed the connection.
    case bytes([UInt8])
    /// libcurl's failure, or `.timedOut` when nothing arrived in time.
    case failed(CurlFailure)
}
