import Foundation
import HandoffConfig
import HandoffCore

/// Outbox folders marked READY under a name that is no project (`outbox/Demo/x`,
/// `outbox/nosuch/y`). The scan only looks in the projects' folders, so without this the
/// VA would wait for a delivery that never starts.
public struct StrayOutboxFolder: Sendable, Equatable {
    /// The READY folder, e.g. `…/outbox/Demo/x`.
    public var folder: String
    /// The name it sits under, which matches no project.
    public var projectName: String
    /// The project whose id differs only in case, if one does.
    public var suggestion: ProjectID?
    /// What is wrong and what to do, naming the known projects.
    public var message: String
}

/// Which stray folders the daemon has warned about: each once while it stays, and again
/// if it comes back after it was moved away.
public struct StrayWarnings: Sendable {
    private var warned: Set<String> = []

    public init() {}

    /// The strays of this scan not warned about yet; forgets those that are gone.
    public mutating func unwarned(_ strays: [StrayOutboxFolder]) -> [StrayOutboxFolder] {
        let fresh = strays.filter { !warned.contains($0.folder) }
        warned = Set(strays.map(\.folder))
        return fresh
    }
}

extension Gateway {
    public func strayOutboxFolders() -> [StrayOutboxFolder] { Self.strayOutboxFolders(config) }

    /// Every READY folder in the outbox that no project's scan will see. Needs only the
    /// configuration, so `doctor` can list them before a store is opened.
    public static func strayOutboxFolders(_ config: HandoffConfiguration) -> [StrayOutboxFolder] {
        let manager = FileManager.default
        let outbox = config.gateway.outboxDirectory
        let projects = config.projects.map(\.id)
        guard let names = try? manager.contentsOfDirectory(atPath: outbox) else { return [] }
        var strays: [StrayOutboxFolder] = []
        for name in names.sorted() where !name.hasPrefix(".") && !projects.contains(where: { $0.rawValue == name }) {
            let top = (outbox as NSString).appendingPathComponent(name)
            guard FileSystem.isDirectory(top) else { continue }
            // A READY right under the outbox: a deliverable put where a project folder goes.
            var ready = markerExists((top as NSString).appendingPathComponent(ReadyMarker.fileName)) ? [top] : []
            for child in ((try? manager.contentsOfDirectory(atPath: top)) ?? []).sorted() where !child.hasPrefix(".") {
                let folder = (top as NSString).appendingPathComponent(child)
                if FileSystem.isDirectory(folder), markerExists((folder as NSString).appendingPathComponent(ReadyMarker.fileName)) {
                    ready.append(folder)
                }
            }
            let suggestion = projects.first { $0.rawValue.lowercased() == name.lowercased() }
            for folder in ready {
                strays.append(StrayOutboxFolder(
                    folder: folder, projectName: name, suggestion: suggestion,
                    message: message(folder: folder, name: name, direct: folder == top, suggestion: suggestion, projects: projects, outbox: outbox)))
            }
        }
        return strays
    }

    private static func message(folder: String, name: String, direct: Bool, suggestion: ProjectID?, projects: [ProjectID], outbox: String) -> String {
        let known = projects.isEmpty ? "none are configured" : "the projects are " + projects.map(\.rawValue).joined(separator: ", ")
        if direct {
            return "\(folder) has a READY, but the outbox holds one folder per project (\(known)): it will not be sent. Move it into \(outbox)/<project>/."
        }
        let hint = suggestion.map { " (did you mean '\($0)'? Project ids are lower-case)" } ?? ""
        let target = suggestion.map(\.rawValue) ?? "<project>"
        return "\(folder) has a READY, but there is no project '\(name)'\(hint); \(known): it will not be sent. Move it to \(outbox)/\(target)/\((folder as NSString).lastPathComponent)."
    }
}
