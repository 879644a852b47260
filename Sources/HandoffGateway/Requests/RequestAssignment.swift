import Foundation
import HandoffCore
import HandoffStore

/// `handoff requests assign`: gives a request to a project and moves its files with it.
extension Gateway {
    /// What an assignment did.
    public struct RequestAssignment: Sendable {
        public var request: RequestView
        /// The project it belonged to before; nil when it was unmatched.
        public var previous: String?
        /// The folder its files are in now, relative to the data folder; nil when it had none.
        public var folder: String?
        /// It already belonged to that project: nothing changed.
        public var unchanged: Bool
    }

    /// Assigns an unmatched request to `projectID`. A request that already belongs to
    /// another project moves only with `force` (its files have been that client's). The
    /// folder is renamed first (one rename(2), so the files are never in two places or
    /// half-moved); if the store then fails, it is renamed back. An existing destination
    /// is refused: files never land in a folder that holds others.
    public func assignRequest(_ text: String, to projectID: String, force: Bool = false) async throws(HandoffError) -> RequestAssignment {
        let target = try project(projectID).id
        let current = try await request(text)
        let previous = current.project.map(ProjectID.init(stored:))
        if previous == target {
            return RequestAssignment(request: current, previous: current.project, folder: RequestFolders.relative(project: target, request: current.id), unchanged: true)
        }
        if let previous, !force {
            throw .badInput("Request \(current.id) belongs to project '\(previous)'. To move it to '\(target)' anyway, give --force; its files move with it.")
        }
        let from = RequestFolders.relative(project: previous, request: current.id)
        let to = RequestFolders.relative(project: target, request: current.id)
        let moved = try moveFolder(from: from, to: to, request: current.id)
        do {
            _ = try await store.assignRequest(current.id, to: target, expecting: previous)
        } catch {
            if moved, let from, let to { throw undoMove(from: from, to: to, after: error) }
            throw error
        }
        return RequestAssignment(request: try await request(current.id), previous: current.project, folder: moved ? to : nil, unchanged: false)
    }

    /// Renames the request's folder; false when it has none (no attachments).
    private func moveFolder(from: String?, to: String?, request: String) throws(HandoffError) -> Bool {
        guard let from, let to else { return false }
        let source = requestPath(from)
        let destination = requestPath(to)
        guard FileManager.default.fileExists(atPath: source) else { return false }
        if FileManager.default.fileExists(atPath: destination) {
            throw .badInput("Cannot assign request \(request): \(destination) already exists. Move that folder aside first; nothing was changed.")
        }
        do {
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .config("Cannot create \((destination as NSString).deletingLastPathComponent) for request \(request): \(error.localizedDescription). Check gateway.data_dir and its permissions.")
        }
        guard rename(source, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw .config("Cannot move \(source) to \(destination) for request \(request): \(reason). Check the permissions of the data folder; nothing was changed.")
        }
        return true
    }

    /// Puts the folder back after the store refused the assignment, and says what happened.
    private func undoMove(from: String, to: String, after error: HandoffError) -> HandoffError {
        let source = requestPath(from)
        let destination = requestPath(to)
        guard rename(destination, source) == 0 else {
            let reason = String(cString: strerror(errno))
            return HandoffError(
                error.kind,
                "\(error.message) The request's files were moved to \(destination) and could not be moved back (\(reason)): move them to \(source) by hand.")
        }
        return error
    }
}
