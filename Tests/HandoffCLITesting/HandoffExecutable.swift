import Foundation
import HandoffCore

/// The `handoff` executable built next to the test bundle, for the tests where a process
/// boundary is the point (a crash, a signal, a kill mid-poll).
public func handoffExecutable() throws -> String {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var candidates = [besideTests.appendingPathComponent("handoff").path]
    // Swift Testing may run from a helper; fall back to the package's build folder.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/handoff").path)
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw HandoffError.internal("The handoff executable is not built (looked in \(candidates.joined(separator: ", "))); run `swift build` first.")
    }
    return found
}
