import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files and folders for tests, made with plain Foundation calls.
enum Fixture {
    static func folder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    static func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    /// Writes through open(2) with the path's exact UTF-8 bytes: Foundation may normalise
    /// a name (e + combining accent becomes é) on its way to the file system.
    static func write(_ path: String, bytes: [UInt8]) throws {
        try folder((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(fd >= 0, "cannot create \(path)")
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        try #require(written == bytes.count, "short write to \(path)")
    }

    /// Reads through open(2), for the same reason.
    static func text(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        try #require(fd >= 0, "cannot open \(path)")
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            try #require(count >= 0)
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Incompressible bytes, eight at a time (one per byte is slow in a debug build).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<(count + 7) / 8).map { _ in generator.next() }
        return words.withUnsafeBytes { Array($0.prefix(count)) }
    }

    /// Text that deflates well, like a report.
    static func prose(lines: Int) -> String {
        (0..<lines).map { "Line \($0): the quarterly figures for the client, reviewed and approved.\n" }.joined()
    }

    static func csv(rows: Int) -> String {
        "date,client,hours,amount\n" + (0..<rows).map { "2025-01-\($0 % 28 + 1),Demo Client,\($0 % 8).5,\($0 * 37 % 1000).00\n" }.joined()
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Names in `folder`, sorted; for checking that no temporary file was left behind.
    static func listing(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    /// A deliverable with text, CSV, a multi-chunk random file, an empty file, an
    /// executable, an accented name and an empty folder. Returns the manifest paths, sorted.
    @discardableResult
    static func sampleDeliverable(at root: String) throws -> [String] {
        try write(root + "/report.txt", prose(lines: 2000))
        try write(root + "/data/figures.csv", csv(rows: 3000))
        try write(root + "/data/big.bin", bytes: randomBytes(2_500_000))
        try write(root + "/empty.txt", "")
        try write(root + "/scripts/run.sh", "#!/bin/sh\necho done\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root + "/scripts/run.sh")
        try write(root + "/Résumé final.txt", "Curriculum vitae\n")
        try folder(root + "/empty-folder")
        return ["Résumé final.txt", "data/big.bin", "data/figures.csv", "empty.txt", "report.txt", "scripts/run.sh"]
    }
}
