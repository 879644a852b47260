import Foundation
import HandoffInbound
import HandoffTestSupport
import Testing

/// Mutated corpus messages through the whole parser: no trap, no hang, a result every time.
/// `HANDOFF_FUZZ_ITERATIONS` makes the run longer (`make fuzz`); the seed makes any
/// failure repeatable (`HANDOFF_FUZZ_SEED`).
@Suite("Inbound fuzz")
struct InboundFuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["HANDOFF_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2_000
    static let seed = ProcessInfo.processInfo.environment["HANDOFF_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x1A2B_3C4D

    /// The corpus messages small enough to mutate quickly (the long-line one is not).
    static func seeds() throws -> [[UInt8]] {
        let folder = InboundCorpusTests.folder
        return try InboundCorpusTests.names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0 + ".eml"))) }
            .filter { $0.count < 64 * 1024 }
    }

    @Test("mutated corpus messages always give a result, each within the time limit")
    func mutations() throws {
        let seeds = try Self.seeds()
        try #require(seeds.count > 20)
        var generator = SeededGenerator(seed: Self.seed)
        let limits = InboundLimits(maxSeconds: 2)
        var parsed = 0
        for _ in 0..<Self.iterations {
            let input = Mutator.mutate(seeds[Int(generator.next() % UInt64(seeds.count))], using: &generator)
            let started = ContinuousClock.now
            let message = InboundFuzz.run(bytes: input, limits: limits)
            #expect(started.duration(to: .now) < .seconds(10))
            if let message {
                #expect(message.size == Int64(input.count))
                parsed += 1
            }
        }
        #expect(parsed == Self.iterations)
    }

    @Test("random bytes always give a result")
    func randomBytes() {
        var generator = SeededGenerator(seed: Self.seed &+ 1)
        for round in 0..<50 {
            let input = generator.bytes(count: Int(generator.next() % 4096) + round)
            #expect(InboundFuzz.run(bytes: input)?.size == Int64(input.count))
        }
    }
}

/// Mutations shaped for MIME: byte flips, inserted junk, cut and doubled ranges, and the
/// tokens that steer a MIME parser (boundaries, header names, encodings, blank lines).
enum Mutator {
    static let tokens: [[UInt8]] = [
        "\n--", "\n\n", "\r\n", "Content-Type: multipart/mixed; boundary=", "Content-Type: message/rfc822\n\n",
        "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n", "=?UTF-8?B?", "?=",
        "=?ISO-2022-JP?Q?", "filename*0*=utf-8''%E2%80", "charset=\"x-unknown\"", "=\n", "=ZZ", "\u{0}", "\u{FF}",
        "Content-Disposition: attachment; filename=\"../x\"\n", "<html><script>", "&#x110000;", "multipart/report; report-type=delivery-status",
    ].map { Array($0.utf8) }

    static func mutate(_ seed: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + Int(generator.next() % 4)) {
            let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
            switch generator.next() % 6 {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            case 1:
                bytes.insert(contentsOf: generator.bytes(count: Int(generator.next() % 32)), at: position)
            case 2:
                let end = min(bytes.count, position + Int(generator.next() % 512))
                bytes.removeSubrange(position..<end)
            case 3:
                let end = min(bytes.count, position + Int(generator.next() % 256))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 4:
                bytes.insert(contentsOf: tokens[Int(generator.next() % UInt64(tokens.count))], at: position)
            default:
                bytes.removeSubrange(position..<bytes.count)
                bytes += tokens[Int(generator.next() % UInt64(tokens.count))]
            }
        }
        return bytes
    }
}
