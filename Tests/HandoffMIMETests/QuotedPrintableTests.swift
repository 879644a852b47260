import Testing
@testable import HandoffMIME

@Suite("Text bodies")
struct QuotedPrintableTests {
    @Test("Quoted-printable encoding", arguments: [
        ("plain text", "plain text"),
        ("", ""),
        ("a=b", "a=3Db"),
        ("Grüße", "Gr=C3=BC=C3=9Fe"),
        // Trailing space or tab is encoded (transports strip it); inner ones stay.
        ("trailing space \r\nnext", "trailing space=20\r\nnext"),
        ("tab\tin\t", "tab\tin=09"),
        ("ends with space ", "ends with space=20"),
        ("nul\u{0}and\u{7F}", "nul=00and=7F"),
        // 76 characters fit on one line; 77 need a soft break that leaves room for '='.
        (String(repeating: "a", count: 76), String(repeating: "a", count: 76)),
        (String(repeating: "a", count: 77), String(repeating: "a", count: 75) + "=\r\naa"),
        // A triplet is never split across a soft break.
        (String(repeating: "a", count: 74) + "é", String(repeating: "a", count: 74) + "=\r\n=C3=A9"),
        ("line1\r\nline2\r\n", "line1\r\nline2\r\n"),
    ])
    func encode(input: String, expected: String) {
        let output = QuotedPrintable.encode(Array(input.utf8))
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }

    @Test("Encoded lines never exceed 76 characters and decode back", arguments: [
        String(repeating: "é", count: 300),
        String(repeating: "word ", count: 200),
        String(repeating: "=", count: 100) + "\r\n" + String(repeating: " ", count: 90),
        String(decoding: (0...255).map { UInt8($0) }.filter { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self),
    ])
    func lineLengths(input: String) {
        let bytes = CRLF.normalize(input)
        let encoded = QuotedPrintable.encode(bytes)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedByCRLF: ())
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
        #expect(Self.decode(encoded) == bytes)
    }

    @Test("Line breaks are CRLF-normalised", arguments: [
        ("a\nb", "a\r\nb"),
        ("a\rb", "a\r\nb"),
        ("a\r\nb", "a\r\nb"),
        ("a\n\rb", "a\r\n\r\nb"),
        ("\n\n", "\r\n\r\n"),
        ("a\r\r\nb", "a\r\n\r\nb"),
    ])
    func normalize(input: String, expected: String) {
        #expect(CRLF.normalize(input) == Array(expected.utf8))
    }

    @Test("7bit only for short plain ASCII lines", arguments: [
        ("Hello,\nthe files are attached.\n", TextBody.TransferEncoding.sevenBit),
        ("", .sevenBit),
        ("tab\tinside", .sevenBit),
        (String(repeating: "a", count: 76), .sevenBit),
        (String(repeating: "a", count: 77), .quotedPrintable),
        ("Grüße", .quotedPrintable),
        ("trailing space \nnext", .quotedPrintable),
        ("-- \nsignature", .quotedPrintable),
        ("bell\u{7}", .quotedPrintable),
        // "=_" starts every boundary, so a 7bit body may not contain it.
        ("--=_Handoff_X", .quotedPrintable),
    ])
    func transferEncoding(text: String, expected: TextBody.TransferEncoding) {
        #expect(TextBody(text).encoding == expected)
    }

    /// A minimal decoder written for the test (soft breaks removed, =XX decoded).
    static func decode(_ encoded: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < encoded.count, encoded[index + 1] == 0x0D, encoded[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                let hex = String(decoding: encoded[(index + 1)...(index + 2)], as: UTF8.self)
                out.append(UInt8(hex, radix: 16)!)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }
}

extension String {
    func components(separatedByCRLF: Void) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var bytes = Array(utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == 0x0D, bytes.first == 0x0A {
                bytes.removeFirst()
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
            } else {
                current.append(byte)
            }
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }
}
