import Foundation
import HandoffConfig
import HandoffCore
import HandoffReceipts

extension Gateway {
    /// The key receipts are signed with: `receipts.key` in the data folder, made once
    /// (mode 0600). Its public half is what `handoff ledger key` prints for clients.
    public func receiptSigner() throws(HandoffError) -> ReceiptSigner {
        try Self.ledgerKey(config)
    }

    /// The one ledger key, signing receipts and the ledger head anchor alike: a client
    /// checks both with the key `handoff ledger key` prints.
    static func ledgerKey(_ config: HandoffConfiguration) throws(HandoffError) -> ReceiptSigner {
        try ReceiptSigner.loadOrCreate(at: path(config.gateway.dataDirectory, "receipts.key"))
    }

    /// The signed JSON document of a receipt, in canonical form (one line).
    public func signedReceipt(_ receipt: Receipt) throws(HandoffError) -> [UInt8] {
        try receiptSigner().signedDocument(canonicalReceipt: receipt.canonicalJSON)
    }
}
