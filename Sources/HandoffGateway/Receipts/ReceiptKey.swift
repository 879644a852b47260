import Foundation
import HandoffConfig
import HandoffCore
import HandoffReceipts

extension Gateway {
    /// The key receipts are signed with: `receipts.key` in the data folder, made once
    /// (mode 0600). Its public half is what `handoff ledger key` prints for clients.
    public func receiptSigner() throws(HandoffError) -> ReceiptSigner {
        try ReceiptSigner.loadOrCreate(at: dataPath("receipts.key"))
    }

    /// The signed JSON document of a receipt, in canonical form (one line).
    public func signedReceipt(_ receipt: Receipt) throws(HandoffError) -> [UInt8] {
        try receiptSigner().signedDocument(canonicalReceipt: receipt.canonicalJSON)
    }
}
