import Foundation

/// The few questions the loader asks the disk, in one place.
enum FileSystem {
    static func isReadableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isReadableFile(atPath: path)
    }

    /// Whether the file's bytes, read as UTF-8, hold `marker`; false when it can't be read.
    static func contents(_ path: String, contain marker: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self).contains(marker)
    }
}
