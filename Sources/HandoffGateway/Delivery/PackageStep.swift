import Foundation
import HandoffConfig
import HandoffCore
import HandoffPackaging
import HandoffStore
import Logging

extension Gateway {
    /// The package step: builds the package unless the store already has one whose file is
    /// intact (a resumed job never packages twice).
    func ensurePackage(row: HandoffRecord, project: Project) async throws(HandoffError) -> PackageInfo {
        let id = row.handoffID
        if let existing = try await store.package(for: id) {
            let info = try existing.packageInfo()
            if let size = (try? FileManager.default.attributesOfItem(atPath: info.archivePath))?[.size] as? Int64, size == info.size {
                return info
            }
            logger.warning("package file missing, rebuilding", metadata: ["handoff.id": "\(id)", "path": "\(info.archivePath)"])
        }
        let source = row.sourcePath
        guard FileManager.default.fileExists(atPath: source) else {
            throw .badInput("The deliverable \(source) is gone: it was moved or deleted after it was queued. Put it back and run `handoff queue retry`, or cancel the job.")
        }
        // An outbox folder goes out only while it is marked complete: without READY it may
        // be a new folder of the same name, still being copied.
        if row.sourceKind == .outbox, !Self.markerExists((source as NSString).appendingPathComponent(ReadyMarker.fileName)) {
            throw .badInput("\(source) has no READY file now, so it may still be being copied: it was not sent. When it is complete, put READY back and run `handoff queue retry`.")
        }
        let name = Self.packageName(for: source)
        let folder = dataPath("packages", id.rawValue)
        let output = (folder as NSString).appendingPathComponent("\(name).\(project.archive.fileExtension)")
        // This job holds the handoff's lease, so anything in its folder is left over from
        // an attempt that died midway: start clean.
        try? FileManager.default.removeItem(atPath: folder)
        try createFolder(for: output)
        // An outbox folder's marker and error note are Handoff's, not the client's.
        let excluded: Set<String> = row.sourceKind == .outbox ? [ReadyMarker.fileName, "ERROR.txt"] : []
        let options = Packager.Options(format: project.archive, compression: .auto, encrypt: row.encrypt, excludedTopLevelNames: excluded)
        let info = try await runBlocking { () throws(HandoffError) in
            try Packager(options: options).package(source: source, to: output, name: name)
        }
        try await store.recordPackage(info, for: id)
        logger.info("packaged", metadata: ["handoff.id": "\(id)", "size": "\(info.size)", "sha256": "\(info.sha256)"])
        return info
    }

    /// The deliverable's name: the folder's (or file's) name, without the `-<id>` an
    /// outbox folder gets once it is moved.
    static func packageName(for source: String) -> String {
        var name = (source as NSString).lastPathComponent
        if name.hasSuffix("/") { name.removeLast() }
        if !FileSystem.isDirectory(source) {
            let stem = (name as NSString).deletingPathExtension
            if !stem.isEmpty { name = stem }
        }
        return name.isEmpty ? "delivery" : name
    }

    func createFolder(for file: String) throws(HandoffError) {
        try FileSystem.createFolder((file as NSString).deletingLastPathComponent)
    }
}
