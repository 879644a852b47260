import Foundation
import HandoffConfig
import HandoffCore

/// What `deliver` accepts as a deliverable, checked before anything is stored: later the
/// job would package it as it finds it, and the client would get whatever that is.
extension Gateway {
    /// Refuses a path that is not a folder or regular file, whose name would break a mail
    /// header or a client's file system, that holds or lies in Handoff's own folders, or
    /// that lies in another project's outbox folder (that work belongs to another client).
    func checkDeliverable(_ absolute: String, for project: Project) throws(HandoffError) {
        var info = stat()
        guard stat(absolute, &info) == 0 else { throw Self.unreachableSource(absolute) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFDIR || type == S_IFREG else {
            throw .badInput("\(absolute) is \(Self.fileTypeName(type)), not a folder or a regular file: deliver takes a folder (sent as one package) or a single file.")
        }
        let name = (absolute as NSString).lastPathComponent
        if let control = name.firstControlCharacter() {
            throw .badInput("The name of \(absolute.debugDescription) has a control character (\(control.codePoint)), which would break the message and the client's file list. Rename it, then deliver again.")
        }
        let real = Self.realPath(absolute)
        if real == "/" {
            throw .badInput("Refused: \(absolute) is the root of the file system. Deliver the folder that holds the client's work.")
        }
        let own: [(String, String)] = [
            ("the outbox folder", config.gateway.outboxDirectory),
            ("Handoff's data folder (the store, keys and every project's packages)", config.gateway.dataDirectory),
            ("the configuration folder", (config.filePath as NSString).deletingLastPathComponent),
        ]
        for (what, folder) in own {
            let folder = Self.realPath(folder)
            if Paths.isSame(folder, orInside: real) {
                throw .badInput("Refused: \(absolute) is or holds \(what), \(folder); it would send other clients' work or Handoff's own files. Deliver the folder that holds this client's work.")
            }
            if folder == Self.realPath(config.gateway.dataDirectory), Paths.isSame(real, orInside: folder) {
                throw .badInput("Refused: \(absolute) lies inside \(what), \(folder). Deliver the client's own folder, not Handoff's files.")
            }
        }
        for other in config.projects {
            let folder = Self.realPath((config.gateway.outboxDirectory as NSString).appendingPathComponent(other.id.rawValue))
            if real == folder {
                throw .badInput("Refused: \(absolute) is project '\(other.id)''s outbox folder itself. Deliver one folder inside it.")
            }
            if other.id != project.id, Paths.isSame(real, orInside: folder) {
                throw .badInput("Refused: \(absolute) lies in \(folder), the outbox folder of project '\(other.id)': that work belongs to '\(other.id)', not '\(project.id)'. Deliver it with -p \(other.id), or move it out of that folder first.")
            }
        }
    }

    /// The path with symbolic links and `..` resolved, so a link or a detour cannot hide
    /// where a folder really is; a path that does not exist yet stays as it is written.
    static func realPath(_ path: String) -> String {
        FileSystem.realPath(path) ?? absolutePath(path)
    }

    static func fileTypeName(_ type: mode_t) -> String {
        switch type {
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
