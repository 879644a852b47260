import Foundation
import Testing

/// A fresh folder for each test (each case of a parameterised one), removed afterwards.
/// Read it through `TemporaryDirectory.current` inside a test marked `.temporaryDirectory`.
struct TemporaryDirectoryTrait: TestTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let path = NSTemporaryDirectory() + "handoff-config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TemporaryDirectory.$current.withValue(PathTidy.normalize(path)) { try await function() }
    }
}

extension Trait where Self == TemporaryDirectoryTrait {
    static var temporaryDirectory: Self { Self() }
}

enum TemporaryDirectory {
    @TaskLocal static var current: String = ""

    /// Writes `text` to `relativePath` under the current folder, creating folders.
    @discardableResult
    static func write(_ text: String, to relativePath: String) throws -> String {
        let path = current + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// `/tmp//x/` → `/tmp/x`, so expected paths compare equal to the loader's.
enum PathTidy {
    static func normalize(_ path: String) -> String {
        "/" + path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
