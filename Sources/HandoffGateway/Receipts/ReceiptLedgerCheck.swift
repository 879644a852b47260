import Foundation
import HandoffCore
import HandoffReceipts
import HandoffStore

extension Gateway {
    /// What checking a receipt a client holds against this ledger found.
    public struct ReceiptLedgerCheck: Sendable, Equatable {
        public var project: String
        public var events: Int64
        public var head: String
        /// Nil when the ledger still holds the chain the receipt vouches for.
        public var problem: String?
    }

    /// Checks a signed receipt (a file a client holds) against this ledger: it must be
    /// signed with this VA's key, and the ledger must still hold the event its chain head
    /// names, with that hash, inside a chain that verifies. A ledger cut short or rewritten
    /// after the receipt was issued fails here even when it is consistent in itself.
    public func checkReceipt(_ bytes: [UInt8], source: String) throws(HandoffError) -> ReceiptLedgerCheck {
        let key = try receiptSigner().publicKey.base64EncodedString()
        let verified = try ReceiptSigner.verify(bytes, source: source, expectedKey: key)
        guard let projectName = verified.receipt["project"]?["id"]?.stringValue,
              let head = verified.receipt["ledger"]?["chain_head"]?.stringValue,
              let events = verified.receipt["ledger"]?["events"]?.intValue
        else {
            throw .badInput("\(source) is signed but has no project id or ledger chain head: it is not a Handoff receipt.")
        }
        let project = try ProjectID(projectName)
        var check = ReceiptLedgerCheck(project: projectName, events: events, head: head)
        if events == 0 { return check }
        check.problem = try store.receiptHeadProblem(project: project, seq: events, head: head)
        if check.problem == nil {
            check.problem = try store.verifyLedger(project: project).first?.problem
        }
        return check
    }
}
