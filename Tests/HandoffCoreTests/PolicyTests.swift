import HandoffCore
import Testing

@Suite("Routing, retries, identifiers")
struct PolicyTests {
    @Test("encoded attachment size: base64 plus CRLF every 76 characters", arguments: [
        (0, 0), (1, 6), (57, 78), (58, 84), (1_000_000, 1_333_336 + 17_544 * 2),
    ] as [(Int64, Int64)])
    func encodedSize(raw: Int64, expected: Int64) {
        let base64 = (raw + 2) / 3 * 4
        let lines = (base64 + 75) / 76
        #expect(RoutingPolicy.encodedAttachmentSize(raw) == base64 + lines * 2)
        #expect(RoutingPolicy.encodedAttachmentSize(raw) == expected)
    }

    @Test("auto goes by size; email refuses oversize naming the way out; link always links")
    func routing() throws {
        let id = try ProjectID("acme")
        #expect(try RoutingPolicy.decide(route: .auto, messageBytes: 100, limitBytes: 100, project: id) == .email)
        #expect(try RoutingPolicy.decide(route: .auto, messageBytes: 101, limitBytes: 100, project: id) == .link)
        #expect(try RoutingPolicy.decide(route: .link, messageBytes: 1, limitBytes: 100, project: id) == .link)
        let error = try #require(throws: HandoffError.self) {
            try RoutingPolicy.decide(route: .email, messageBytes: 101, limitBytes: 100, project: id)
        }
        #expect(error.message.contains("--via link"))
    }

    @Test("retry delays stay within [ceiling/2, ceiling] and stop after the last attempt")
    func retryDelays() {
        let policy = RetryPolicy(maxAttempts: 5, baseSeconds: 10, capSeconds: 50)
        for attempt in 1..<5 {
            for _ in 0..<200 {
                let delay = try! #require(policy.delay(afterAttempt: attempt))
                let ceiling = policy.ceiling(afterAttempt: attempt)
                #expect(delay >= ceiling / 2 && delay <= ceiling)
            }
        }
        #expect(policy.ceiling(afterAttempt: 4) == 50)
        #expect(policy.delay(afterAttempt: 5) == nil)
    }

    @Test("handoff ids are generated in their alphabet and parse back, case-insensitively")
    func handoffIDs() throws {
        for _ in 0..<100 {
            let id = HandoffID.generate()
            #expect(id.rawValue.count == 12)
            #expect(try HandoffID(parsing: id.rawValue.lowercased()) == id)
        }
        #expect(throws: HandoffError.self) { try HandoffID(parsing: "H-123") }
        #expect(throws: HandoffError.self) { try HandoffID(parsing: "H-ILOU0000000") }
    }

    @Test("project ids are safe folder names", arguments: [
        ("demo", true), ("acme-realty_2", true), ("Acme", false), ("../etc", false), ("", false), (".hidden", false), ("a b", false),
    ])
    func projectIDs(text: String, valid: Bool) {
        #expect(ProjectID.isValid(text) == valid)
    }

    @Test("byte counts read naturally", arguments: [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (1_572_864, "1.5 MiB")] as [(Int64, String)])
    func byteCounts(bytes: Int64, text: String) {
        #expect(ByteCount.format(bytes) == text)
    }
}
