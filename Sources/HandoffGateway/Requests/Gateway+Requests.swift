import Foundation
import HandoffCore
import HandoffStore

/// What `handoff requests` does: list, show and close requests.
extension Gateway {
    /// Newest first. `project`, when given, must be configured.
    public func requests(project: String?, state: RequestState?) async throws(HandoffError) -> [RequestView] {
        let id = try project.map { (text) throws(HandoffError) in try self.project(text).id }
        return try await store.requestDetails(project: id, state: state).map(RequestView.init)
    }

    public func request(_ text: String) async throws(HandoffError) -> RequestView {
        let id = HandoffStore.storedRequestID(text.trimmingWhitespace())
        guard let detail = try await store.requestDetail(stored: id) else { throw Self.noSuchRequest(id) }
        return RequestView(detail)
    }

    /// Closes a request; closing a closed one is fine and says so (`wasOpen` false).
    public func closeRequest(_ text: String) async throws(HandoffError) -> (request: RequestView, wasOpen: Bool) {
        let before = try await request(text)
        _ = try await store.closeRequest(before.id, at: now())
        return (try await request(before.id), before.state != RequestState.closed.rawValue)
    }

    static func noSuchRequest(_ id: String) -> HandoffError {
        .badInput("No request \(id); `handoff requests list` shows them.")
    }
}
