import Foundation
import HandoffTestSupport

typealias Fixture = MailFixture

extension MailFixture {
    /// Writes `bytes` to `name` under `folder` and returns the path.
    static func file(_ name: String, in folder: String, bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
