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
    private let queue: WorkQueue

    /// - Parameter name: the thread's name, seen in debuggers and `top -H`.
    public init(name: String = "handoff.curl") {
        queue = WorkQueue()
        let queue = self.queue
        let thread = Thread {
            // The handle is created and freed on this thread and never leaves it.
            var easy: CurlEasy?
            var setupError: HandoffError?
            do throws(HandoffError) { easy = try CurlEasy() } catch { setupError = error }
            while let job = queue.next() {
                if let easy { job(.success(easy)) } else { job(.failure(setupError ?? .internal("libcurl handle missing."))) }
            }
            easy = nil
        }
        thread.name = name
        thread.start()
    }

    deinit {
        queue.close()
    }

    /// Runs `request` on the connection's thread and returns how it went.
    public func perform(_ request: CurlRequest) async throws(HandoffError) -> CurlResponse {
        let result: Result<CurlResponse, HandoffError> = await withCheckedContinuation { continuation in
            queue.submit { handle in
                switch handle {
                case .success(let easy):
                    do throws(HandoffError) {
                        continuation.resume(returning: .success(try easy.perform(request)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                case .failure(let error):
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}

/// The jobs waiting for a connection's thread, guarded by one condition variable.
private final class WorkQueue: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    typealias Job = @Sendable (Result<CurlEasy, HandoffError>) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var closed = false

    func submit(_ job: @escaping Job) {
        condition.lock()
        let accepted = !closed
        if accepted {
            jobs.append(job)
            condition.signal()
        }
        condition.unlock()
        if !accepted { job(.failure(.internal("The libcurl connection was closed before the transfer could start."))) }
    }

    /// The next job, waiting for one; nil once the queue is closed and empty.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closed { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }
}
