import Foundation
import GRDB
import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffStore

@Suite("Store errors a person can act on")
struct StoreErrorTests {
    @Test("a full disk says so and exits 75: freeing space and trying again works")
    func diskFull() {
        let error = HandoffStore.storeError(
            DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"), path: "var/handoff.sqlite", action: "add a time entry")
        #expect(error.kind == .temporary)
        #expect(error.kind.exitCode == 75)
        #expect(error.message == "The disk holding var/handoff.sqlite is full while trying to add a time entry; free some space, then try again.")
    }

    @Test("another I/O error on a disk with room stays an internal error", .temporaryFolder)
    func otherIOError() throws {
        let folder = try TemporaryFolder.path()
        let error = HandoffStore.storeError(DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"), path: folder + "/handoff.sqlite", action: "open")
        #expect(error.kind == .internal)
    }
}
