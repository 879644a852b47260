import Foundation
import HandoffCLITesting
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

/// A project history with fixed ids and times, so every receipt rendering is stable:
/// one handoff sent by email with two billed entries (one manual, with characters that
/// need escaping), one sent as a link and downloaded twice, one still queued.
struct ReceiptFixture {
    let workspace: TimeWorkspace
    let gateway: Gateway
    static let now = Date(timeIntervalSince1970: 1_796_061_600) // 2026-11-30 19:00 in Berlin
    static let seed = Data((0..<32).map { UInt8($0 * 7 % 251) })

    init() throws {
        workspace = try TimeWorkspace()
        gateway = try workspace.gateway()
        let store = gateway.store
        let acme = try ProjectID("acme")
        let contacts = [try EmailAddress(parsing: "Dana Client <dana@acme.test>")]
        let now = Self.now

        let e1 = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-02 09:00"), end: try at("2026-11-02 10:10"), memo: "Inbox triage", now: now, clock: berlin)
        let e2 = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-03 13:00"), end: try at("2026-11-03 14:32"), memo: "Brochure <b>copy</b> & \"pricing\" | v2", now: now, clock: berlin)
        let first = HandoffID(rawValue: "H-0000000001")
        _ = try store.queueDelivery(
            DeliveryRequest(project: acme, source: .path("/work/brochure"), to: contacts, cc: [try EmailAddress(parsing: "office@acme.test")],
                            route: .auto, timeEntries: [e1.id, e2.id]),
            id: first, maxAttempts: 3, now: try at("2026-11-03 15:00"))
        try store.recordPackage(Self.package("brochure"), for: first, now: try at("2026-11-03 15:00"))
        try store.markSending(first, messageID: "<H-0000000001.AAAA@va.test>", route: .email, now: try at("2026-11-03 15:01"))
        try store.markSent(first, serverReply: "250 2.0.0 Ok: queued as 4F1A2B", event: SentPayload(messageID: "<H-0000000001.AAAA@va.test>", route: "email"), now: try at("2026-11-03 15:01"))

        let e3 = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-20 10:00"), end: try at("2026-11-20 13:05"), memo: "Market report", now: now, clock: berlin)
        let second = HandoffID(rawValue: "H-0000000002")
        _ = try store.queueDelivery(
            DeliveryRequest(project: acme, source: .path("/work/report"), to: contacts, route: .link, timeEntries: [e3.id]),
            id: second, maxAttempts: 3, now: try at("2026-11-20 14:00"))
        try store.recordPackage(Self.package("market-report"), for: second, now: try at("2026-11-20 14:00"))
        try store.recordPublished(second, url: "http://127.0.0.1:8787/d/H-0000000002", expires: try at("2026-12-04 14:00"), now: try at("2026-11-20 14:01"))
        try store.markSending(second, messageID: "<H-0000000002.BBBB@va.test>", route: .link, now: try at("2026-11-20 14:01"))
        try store.markSent(second, serverReply: "250 2.0.0 Ok: queued as 9C8D7E", event: SentPayload(route: "link"), now: try at("2026-11-20 14:01"))
        try store.appendLedger(project: acme, handoff: second, payload: DownloadedPayload(from: "203.0.113.7"), at: try at("2026-11-21 08:30"))
        try store.appendLedger(project: acme, handoff: second, payload: DownloadedPayload(from: "203.0.113.9"), at: try at("2026-11-22 09:10"))

        let third = HandoffID(rawValue: "H-0000000003")
        _ = try store.queueDelivery(
            DeliveryRequest(project: acme, source: .path("/work/notes"), to: contacts, route: .email, timeEntries: []),
            id: third, maxAttempts: 3, now: try at("2026-11-30 17:00"))
    }

    static func package(_ name: String) -> PackageInfo {
        PackageInfo(
            archivePath: "/var/packages/\(name).zip", fileName: "\(name).zip", format: .zip, size: 48_213,
            sha256: String(repeating: name == "brochure" ? "ab" : "cd", count: 32),
            manifest: Manifest(name: name, files: [ManifestEntry(path: "a.pdf", size: 40_000, sha256: "00"), ManifestEntry(path: "b.txt", size: 213, sha256: "11")]))
    }

    func receipt(from: String? = nil, to: String? = nil) throws -> Receipt {
        let period = try UserTime.period(from: from, to: to, clock: berlin, now: Self.now)
        return try gateway.receipt(project: "acme", from: period.from, to: period.to, now: Self.now, clock: berlin)
    }

    var signer: ReceiptSigner { get throws { try ReceiptSigner(seed: Self.seed) } }
}

/// Tampering as someone with the `sqlite3` tool would, and checking as the VA would.
extension ReceiptFixture {
    func verifyLedger() async -> CommandResult {
        await runInProcess(["ledger", "verify", "-p", "acme", "--config", workspace.configPath])
    }

    func sqlite(_ sql: String) throws {
        let result = try runProgram("sqlite3", [workspace.databasePath, sql])
        #expect(result.status == 0, "sqlite3: \(result.stderr)")
    }
}
