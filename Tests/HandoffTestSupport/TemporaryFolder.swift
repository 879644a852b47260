import Foundation
import Testing

/// A fresh folder for one test (or one case of a parameterised test), removed when it ends,
/// pass or fail. Shared by every test target that writes files.
public struct TemporaryFolder: TestTrait, TestScoping {
    @TaskLocal static var current: String?

    public init() {}

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let path = try Self.create()
        defer { Self.remove(path) }
        try await Self.$current.withValue(path) { try await function() }
    }

    /// Makes a fresh, empty folder under the system's temporary folder. For fixtures whose
    /// lifetime is an object's (removed in its `deinit`) rather than one test's scope.
    public static func create() throws -> String {
        let base = FileManager.default.temporaryDirectory.path
        let path = base + "/handoff-test-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// Removes a folder made by `create`, with everything in it; a folder already gone is fine.
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The folder of the running test; fails the test if it has no `.temporaryFolder` trait.
    public static func path(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(current, "this test needs the .temporaryFolder trait", sourceLocation: sourceLocation)
    }

    /// Writes `text` to `relativePath` under the test's folder, creating folders on the
    /// way; returns the file's path.
    @discardableResult
    public static func write(_ text: String, to relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let file = try path(sourceLocation: sourceLocation) + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

extension Trait where Self == TemporaryFolder {
    public static var temporaryFolder: Self { Self() }
}
