import HandoffTestSupport
import Testing
@testable import HandoffMIME

/// Inputs for the fuzz entry points: wholly random bytes, and valid inputs bent at random
/// (bytes flipped, inserted, removed, repeated, cut), from a seeded generator so that every
/// run feeds the same inputs and a failure names the input that caused it.
struct FuzzInputs: Sequence, IteratorProtocol {
    private var generator: SeededGenerator
    private let seeds: [[UInt8]]
    private var remaining: Int

    /// Bytes that mean something to some part of the grammar.
    private static let tokens: [[UInt8]] = [
        [0x0D], [0x0A], [0x0D, 0x0A], [0x00], [0xFF], [0xC3], [0xF0, 0x9F, 0x8E], Array("=?".utf8), Array("?=".utf8),
        Array("=?UTF-8?B?".utf8), Array("\"".utf8), Array("\\".utf8), Array("<>".utf8), Array("@".utf8), Array("-".utf8),
        Array(" ".utf8), Array("\t".utf8), Array(";".utf8), Array(":".utf8), Array("250-".utf8), Array("=_Handoff_".utf8),
        Array("é".utf8), Array("🎉".utf8), [UInt8](repeating: UInt8(ascii: "x"), count: 80),
    ]

    init(seed: UInt64, count: Int, seeds: [[UInt8]]) {
        generator = SeededGenerator(seed: seed)
        self.seeds = seeds
        remaining = count
    }

    mutating func next() -> [UInt8]? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        if Int.random(in: 0..<4, using: &generator) == 0 {
            return generator.bytes(count: Int.random(in: 0..<300, using: &generator))
        }
        var input = seeds.randomElement(using: &generator)!
        for _ in 0..<Int.random(in: 1...6, using: &generator) { mutate(&input) }
        return input
    }

    private mutating func mutate(_ input: inout [UInt8]) {
        let at = Int.random(in: 0...input.count, using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0 where at < input.count:
            input[at] ^= UInt8.random(in: 1...255, using: &generator)
        case 1:
            input.insert(contentsOf: Self.tokens.randomElement(using: &generator)!, at: at)
        case 2 where at < input.count:
            input.removeSubrange(at..<Swift.min(input.count, at + Int.random(in: 1...8, using: &generator)))
        case 3 where at < input.count:
            let end = Swift.min(input.count, at + Int.random(in: 1...40, using: &generator))
            input.insert(contentsOf: input[at..<end], at: end)
        default:
            input.insert(UInt8.random(in: 0...255, using: &generator), at: at)
        }
    }
}

@Suite("Fuzz entry points")
struct MIMEFuzzTests {
    static let inputCount = 3000

    /// The parts of a message for `renderMessage`, joined by 0xFF.
    static func parts(_ parts: String...) -> [UInt8] {
        Array(parts.map { Array($0.utf8) }.joined(separator: [0xFF]))
    }

    @Test("SMTP replies: any bytes give replies whose codes are three digits")
    func smtpReplies() {
        let seeds = [
            "220 mail.example.test ESMTP\r\n250-mail.example.test\r\n250-SIZE 31457280\r\n250 SMTPUTF8\r\n",
            "354 End data with <CR><LF>.<CR><LF>\r\n250 2.0.0 Ok: queued as 4XkQ1\r\n",
            "421 4.3.2 Service shutting down\n334\n",
        ].map { Array($0.utf8) }
        for input in FuzzInputs(seed: 1, count: Self.inputCount, seeds: seeds) {
            let replies = MIMEFuzz.parseSMTPReplies(input)
            #expect(replies.allSatisfy { (0...999).contains($0.code) }, "input \(input)")
        }
    }

    @Test("IMAP SEARCH responses: any bytes give UIDs only from SEARCH lines")
    func imapSearch() {
        let seeds = ["* SEARCH 4 9\r\nA004 OK done\r\n", "* 3 EXISTS\r\n* search 12\r\n"].map { Array($0.utf8) }
        for input in FuzzInputs(seed: 4, count: Self.inputCount, seeds: seeds) {
            let uids = MIMEFuzz.parseIMAPSearch(input)
            #expect(uids.isEmpty || String(decoding: input, as: UTF8.self).uppercased().contains("SEARCH"), "input \(input)")
        }
    }

    @Test("Message-IDs: any bytes are refused or give an id that writes as one clean token")
    func messageIDs() {
        let seeds = ["<H-7K2M9QXA4D.3MZ8Q1VTR2KD@va.example>", "local@domain", " <a@b> "].map { Array($0.utf8) }
        for input in FuzzInputs(seed: 2, count: Self.inputCount, seeds: seeds) {
            guard let id = MIMEFuzz.parseMessageID(input) else { continue }
            #expect(id.bracketed.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "input \(input)")
            #expect(id.value.contains("@"), "input \(input)")
        }
    }

    @Test("Messages: any header text and body is refused or written to the wire rules, at the planned size")
    func messages() {
        let seeds = [
            Self.parts("Ihre Dateien für «Übergabe» 🎉", "Zoë \"Z\" Example", "X-Note", "Prüfung", "Übergabe – final.zip",
                       "application/zip", "Grüße\nline", "<p>hi</p>"),
            Self.parts("Your files", "Pat", "X-Handoff-ID", "H-1", "files.zip", "application/zip", "Hello"),
            Self.parts("=?UTF-8?Q?x?= plain", "Doe, Jane", "X-A", "  two  spaces ", String(repeating: "long name ", count: 12) + ".bin"),
        ]
        var written = 0
        for input in FuzzInputs(seed: 3, count: Self.inputCount, seeds: seeds) {
            guard let (wire, plannedSize) = MIMEFuzz.renderMessage(input) else { continue }
            written += 1
            #expect(Int64(wire.count) == plannedSize, "input \(input)")
            // Random media types and header names are single tokens too long to fold, so only
            // the hard limit holds for every input; the fixture tables hold the 78.
            let violations = WireFormat.violations(wire, headerLineLimit: 998)
            #expect(violations.isEmpty, "input \(input): \(violations)")
        }
        // Most bent inputs are still messages: the check above must not pass by refusing all.
        #expect(written > Self.inputCount / 4)
    }
}
