import Foundation
import HandoffCore

/// One libcurl easy handle on a thread of its own, for async callers.
///
/// `curl_easy_perform` blocks for as long as a transfer takes (seconds for a large message),
/// so it must not run on Swift's cooperative pool, whose few threads every task shares.
/// Each connection starts one dedicated thread that owns a `CurlEasy` and runs transfers one
/// after the other; callers await a continuation. Keeping one handle per connection is what
/// lets libcurl reuse the server connection across transfers (one SMTP session for a batch).
///
/// The thread ends, and the handle is cleaned up, when the connection is released.
public final class CurlConnection: Sendable {
    private let queue: WorkQueue<CurlEasy>

    /// - Parameter name: the thread's name, seen in debuggers and `top -H`.
    public init(name: String = "handoff.curl") {
        // The handle is created and freed on the connection's thread and never leaves it.
        queue = WorkQueue<CurlEasy>.startThread(name: name) { () throws(HandoffError) in try CurlEasy() }
    }

    deinit {
        queue.close()
    }

    /// Runs `request` on the connection's thread and returns how it went.
    public func perform(_ request: CurlRequest) async throws(HandoffError) -> CurlResponse {
        try await queue.run { easy throws(HandoffError) in try easy.perform(request) }
    }
}
