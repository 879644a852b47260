import Foundation
import HandoffConfig
import HandoffCore
import HandoffStore

/// Where a request's attachments live: `requests/<project or _unmatched>/<R-n>/` under the
/// data folder. The store keeps only the saved names; the folder follows from the request,
/// so assigning a request to a project renames one folder.
public enum RequestFolders {
    /// The folder of requests no project claimed yet. Project ids start with a letter or
    /// digit, so no project's folder can have this name.
    public static let unmatched = "_unmatched"

    /// The folder of a request, relative to the data folder; nil for a request stored
    /// before requests were numbered (its id is not a safe folder name, and it has no files).
    public static func relative(project: ProjectID?, request id: String) -> String? {
        guard let request = RequestID(rawValue: id) else { return nil }
        return "requests/\(project?.rawValue ?? unmatched)/\(request.rawValue)"
    }

    /// An attachment's path relative to the data folder.
    public static func relative(project: ProjectID?, request id: String, file savedName: String) -> String? {
        relative(project: project, request: id).map { "\($0)/\(savedName)" }
    }
}

extension Gateway {
    /// A request folder's full path, from its path relative to the data folder.
    func requestPath(_ relative: String) -> String {
        (config.gateway.dataDirectory as NSString).appendingPathComponent(relative)
    }
}
