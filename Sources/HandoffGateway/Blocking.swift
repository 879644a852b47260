import HandoffStore
import HandoffConfig
import Dispatch
import HandoffCore

/// Runs blocking work (packaging, file copies, libcurl) on a thread of its own, so it never
/// holds one of the few threads of Swift's cooperative pool.
func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws(HandoffError) -> T) async throws(HandoffError) -> T {
    let result: Result<T, HandoffError> = await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .utility).async {
            do throws(HandoffError) {
                continuation.resume(returning: .success(try work()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
    }
    return try result.get()
}
