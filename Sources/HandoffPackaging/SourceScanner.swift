import Foundation
import HandoffCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks the source (a folder or one regular file) and makes the `SourcePlan`, refusing
/// anything that cannot be packaged faithfully before any output exists.
///
/// Refused, each with a message naming the path and the way out: a missing source; a
/// folder with no files once litter is skipped; a symlink that is broken, points outside
/// the folder, or loops back to a folder above it; FIFOs, sockets and devices; files and
/// folders that cannot be read; names that are not valid UTF-8, that hold a backslash or a
/// control character, or that become the same name once normalised. Symlinks that stay inside the folder are followed: the archive
/// holds the content, as the client would see it.
///
/// Names go into the archive and the manifest in Unicode NFC (é as one character, not e
/// plus an accent, as macOS may have written it). libarchive normalises names that way on
/// its own; doing it here keeps the manifest's paths byte for byte equal to the archive's.
struct SourceScanner {
    /// The source path exactly as the caller gave it, used in messages.
    let source: String
    let name: String?
    /// Names left out at the top of a folder: the outbox's own marker files.
    var excludedTopLevelNames: Set<String> = []

    func scan() throws(HandoffError) -> SourcePlan {
        var info = stat()
        guard lstat(source, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                throw .badInput("'\(source)' does not exist. Check the path and try again.")
            }
            throw .badInput("Cannot look at '\(source)': \(FileSystem.errnoText()).")
        }
        guard let root = FileSystem.realPath(source), stat(root, &info) == 0 else {
            if errno == ELOOP {
                throw .badInput("'\(source)' is a symbolic link loop (ELOOP: following its links leads back to where they started). Give the path of the real folder or file.")
            }
            throw .badInput("'\(source)' is a symbolic link to something that does not exist. Give the path of the real folder or file.")
        }
        let packageName = try Self.packageName(given: name, source: source, resolved: root, isFile: Self.isRegular(info))
        // The package name is the folder the client unpacks: the same rules as any name in it.
        try Self.refuseUnsafe(packageName, in: Paths.split(source).folder)

        var walk = Walk(root: root, source: source, name: packageName, excludedTopLevelNames: excludedTopLevelNames)
        if Self.isDirectory(info) {
            walk.addDirectory(relative: "", info: info)
            try walk.descend(into: root, relative: "", ancestors: [root])
            guard walk.fileCount > 0 else {
                throw .badInput("'\(source)' has no files to package: it is empty, or holds only system files such as .DS_Store. Put the deliverable's files in it and try again.")
            }
        } else if Self.isRegular(info) {
            walk.addDirectory(relative: "", info: info)
            // The name the caller used, even when it is a symlink to a file named otherwise.
            let fileName = Paths.split(source).name.precomposedStringWithCanonicalMapping
            try Self.refuseUnsafe(fileName, in: Paths.split(source).folder)
            try walk.addFile(realPath: root, relative: fileName, shown: source, info: info)
        } else {
            throw .badInput("'\(source)' is \(Self.describe(info)), not a folder or a regular file. Give the path of a folder or a file.")
        }
        walk.entries.sort { $0.archivePath.utf8.lexicographicallyPrecedes($1.archivePath.utf8) }
        return SourcePlan(name: packageName, root: root, isFolder: Self.isDirectory(info), entries: walk.entries)
    }

    /// The given name, or the source's last path component (without its extension for a
    /// single file, so `report.pdf` unpacks into `report/report.pdf`).
    static func packageName(given: String?, source: String, resolved: String, isFile: Bool) throws(HandoffError) -> String {
        if let given {
            guard isUsableName(given) else {
                throw .badInput("'\(given)' cannot be a package name: it becomes a folder name, so it must not be empty, '.', '..' or 'manifest.json', nor contain '/'. Choose a plain name such as 'welcome-pack'.")
            }
            return given.precomposedStringWithCanonicalMapping
        }
        var candidate = Paths.split(source).name
        if candidate == "." || candidate == ".." || candidate.isEmpty || candidate == "/" {
            candidate = Paths.split(resolved).name
        }
        if isFile, let dot = candidate.lastIndex(of: "."), dot != candidate.startIndex {
            candidate = String(candidate[..<dot])
        }
        guard isUsableName(candidate) else {
            throw .badInput("Cannot make a package name from '\(source)'. Give one with a name of your choice (such as 'welcome-pack').")
        }
        return candidate.precomposedStringWithCanonicalMapping
    }

    /// Refuses a name that would be a different path, or no valid path, where the client
    /// unpacks it: a backslash is a folder separator to Windows unzip tools, so
    /// `..\..\evil.txt` would land two folders above the package; CR, LF and other
    /// control characters cannot be typed, break listings and mail headers, and Windows
    /// refuses them in file names.
    static func refuseUnsafe(_ name: String, in folder: String) throws(HandoffError) {
        if name.contains("\\") {
            throw .badInput("The name '\(EscapedText.escaping(name))' in '\(folder)' has a backslash, which Windows takes for a folder separator: unpacked there, the file would land somewhere else. Rename it without '\\' and try again.")
        }
        if EscapedText.hasControlCharacter(name) {
            throw .badInput("The name '\(EscapedText.escaping(name))' in '\(folder)' has a control character (such as a line break), which has no place in a file name the client will see. Rename it and try again.")
        }
    }

    static func isUsableName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name != "manifest.json"
            && !name.contains("/") && !name.utf8.contains(0)
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegular(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    /// "a FIFO (named pipe)", "a socket", ...: what a refused file is, in words.
    static func describe(_ info: stat) -> String {
        switch info.st_mode & S_IFMT {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a folder"
        default: "a special file"
        }
    }
}

/// The state of one walk: the entries found so far.
private struct Walk {
    let root: String
    let source: String
    let name: String
    var excludedTopLevelNames: Set<String> = []
    var entries: [SourcePlan.Entry] = []
    var fileCount = 0

    init(root: String, source: String, name: String, excludedTopLevelNames: Set<String> = []) {
        self.root = root
        self.source = source
        self.name = name
        self.excludedTopLevelNames = excludedTopLevelNames
    }

    /// The path as the person typed it, for messages.
    func shown(_ relative: String) -> String {
        relative.isEmpty ? source : Paths.join(source, relative)
    }

    mutating func addDirectory(relative: String, info: stat) {
        let path = relative.isEmpty ? "\(name)/" : "\(name)/\(relative)/"
        entries.append(.init(archivePath: path, kind: .directory, permissions: 0o755, modificationTime: Int64(info.st_mtim.tv_sec)))
    }

    /// Adds a regular file after checking it opens: as root, permissions do not stop a
    /// read, but an unreadable file found halfway through a 1 GiB package would waste it.
    mutating func addFile(realPath: String, relative: String, shown: String, info: stat) throws(HandoffError) {
        let fd = open(realPath, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            throw .badInput("Cannot read '\(shown)': \(FileSystem.errnoText()). Make it readable (chmod u+r) or move it out of the folder, then try again.")
        }
        _ = close(fd)
        let executable = info.st_mode & 0o111 != 0
        entries.append(.init(
            archivePath: "\(name)/\(relative)",
            kind: .file(sourcePath: realPath, manifestPath: relative),
            permissions: executable ? 0o755 : 0o644,
            modificationTime: Int64(info.st_mtim.tv_sec),
            stamp: FileStamp(info)
        ))
        fileCount += 1
    }

    /// Lists `folder` (a resolved path) and adds what it holds. `ancestors` are the resolved
    /// folders being walked, to catch a symlink that leads back up.
    mutating func descend(into folder: String, relative: String, ancestors: Set<String>) throws(HandoffError) {
        for (onDisk, childName) in try listNames(folder, relative: relative)
        where !Litter.isLitter(childName) && !(relative.isEmpty && excludedTopLevelNames.contains(childName)) {
            let childRelative = relative.isEmpty ? childName : "\(relative)/\(childName)"
            let childPath = Paths.join(folder, onDisk)
            var info = stat()
            guard lstat(childPath, &info) == 0 else {
                throw .badInput("Cannot look at '\(shown(childRelative))': \(FileSystem.errnoText()). It may have been moved while packaging; try again.")
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                addDirectory(relative: childRelative, info: info)
                try descend(into: childPath, relative: childRelative, ancestors: ancestors.union([childPath]))
            case S_IFREG:
                try addFile(realPath: childPath, relative: childRelative, shown: shown(childRelative), info: info)
            case S_IFLNK:
                try follow(link: childPath, relative: childRelative, ancestors: ancestors)
            default:
                throw .badInput("'\(shown(childRelative))' is \(SourceScanner.describe(info)), which cannot go into an archive. Move it out of the folder and try again.")
            }
        }
    }

    private mutating func follow(link: String, relative: String, ancestors: Set<String>) throws(HandoffError) {
        let shownPath = shown(relative)
        guard let target = FileSystem.realPath(link) else {
            if errno == ELOOP {
                throw .badInput("'\(shownPath)' is a symbolic link loop (ELOOP: following it leads back to itself). Remove the link and try again.")
            }
            throw .badInput("'\(shownPath)' is a symbolic link to '\(Self.linkText(link))', which does not exist. Remove the link or restore what it points to.")
        }
        guard Paths.isSame(target, orInside: root) else {
            throw .badInput("'\(shownPath)' is a symbolic link to '\(target)', outside the folder being packaged. Copy that file into the folder instead of linking to it, or remove the link.")
        }
        var info = stat()
        guard stat(target, &info) == 0 else {
            throw .badInput("Cannot look at '\(target)' (the target of '\(shownPath)'): \(FileSystem.errnoText()).")
        }
        if SourceScanner.isDirectory(info) {
            guard !ancestors.contains(target) else {
                throw .badInput("'\(shownPath)' is a symbolic link to a folder that contains it, so the package would never end. Remove the link and try again.")
            }
            addDirectory(relative: relative, info: info)
            try descend(into: target, relative: relative, ancestors: ancestors.union([target]))
        } else if SourceScanner.isRegular(info) {
            try addFile(realPath: target, relative: relative, shown: shownPath, info: info)
        } else {
            throw .badInput("'\(shownPath)' links to \(SourceScanner.describe(info)), which cannot go into an archive. Remove the link and try again.")
        }
    }

    /// The names in a folder, as on disk and in NFC. Refuses a name that is not valid UTF-8
    /// (it could not be written into the archive as it is, and a silent replacement would
    /// be a different file name), and two names that are the same once normalised (they
    /// would overwrite each other when unpacked).
    private func listNames(_ folder: String, relative: String) throws(HandoffError) -> [(onDisk: String, normalised: String)] {
        guard let directory = opendir(folder) else {
            throw .badInput("Cannot read the folder '\(shown(relative))': \(FileSystem.errnoText()). Make it readable or move it out of the folder, then try again.")
        }
        defer { _ = closedir(directory) }
        var names: [(onDisk: String, normalised: String)] = []
        // Swift compares strings by canonical equivalence, so this set catches é and e+accent.
        var seen: [String: String] = [:]
        // readdir returns NULL both at the end and on an error; errno tells them apart.
        errno = 0
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw .badInput("The name '\(EscapedText.escaping(bytes))' in '\(shown(relative))' is not valid UTF-8, so it cannot be written into the archive unchanged. Rename it and try again.")
            }
            try SourceScanner.refuseUnsafe(name, in: shown(relative))
            let normalised = name.precomposedStringWithCanonicalMapping
            if let other = seen[normalised] {
                throw .badInput("'\(shown(relative))' holds two files whose names differ only in how their accents are encoded ('\(other)' and '\(name)'); they would overwrite each other when unpacked. Rename one of them and try again.")
            }
            seen[normalised] = name
            names.append((name, normalised))
            errno = 0
        }
        if errno != 0 {
            throw .badInput("Reading the folder '\(shown(relative))' failed: \(FileSystem.errnoText()).")
        }
        return names
    }

    private static func linkText(_ link: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
