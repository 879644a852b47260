import Foundation
import HandoffCore

/// The jobs waiting for a libcurl thread (a `CurlConnection`'s or a `CurlStream`'s), guarded
/// by one condition variable. Each job receives the thread's handle, or why it has none.
final class WorkQueue<Handle>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    typealias Job = @Sendable (Result<Handle, HandoffError>) -> Void

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

extension WorkQueue {
    /// A queue served by a new thread that creates its handle with `make`, runs each job
    /// with it in turn, and frees the handle on the same thread once the queue is closed.
    /// If `make` fails, every job receives that error.
    static func startThread(name: String, make: @escaping @Sendable () throws(HandoffError) -> Handle) -> WorkQueue<Handle> {
        let queue = WorkQueue<Handle>()
        let thread = Thread {
            var handle: Handle?
            var setupError: HandoffError?
            do throws(HandoffError) { handle = try make() } catch { setupError = error }
            while let job = queue.next() {
                if let handle { job(.success(handle)) } else { job(.failure(setupError ?? .internal("libcurl handle missing."))) }
            }
            handle = nil
        }
        thread.name = name
        thread.start()
        return queue
    }

    /// Runs `step` on the queue's thread with its handle, and returns what it returned.
    func run<T: Sendable>(_ step: @escaping @Sendable (Handle) throws(HandoffError) -> T) async throws(HandoffError) -> T {
        let result: Result<T, HandoffError> = await withCheckedContinuation { continuation in
            submit { handle in
                switch handle {
                case .success(let handle):
                    do throws(HandoffError) {
                        continuation.resume(returning: .success(try step(handle)))
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
