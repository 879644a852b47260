import Foundation
import HandoffTestSupport
import HandoffCore
import Testing
@testable import HandoffMIME

@Suite("Header encoding")
struct HeaderEncodingTests {
    /// Subject values and the exact header the writer makes for them.
    @Test("Unstructured text: plain words, folding, RFC 2047 encoded words", arguments: [
        ("Your files", "Subject: Your files\r\n"),
        ("", "Subject:\r\n"),
        // Shorter as B (8) than as Q (9).
        ("Café", "Subject: =?UTF-8?B?Q2Fmw6k=?=\r\n"),
        ("日本語のファイル", "Subject: =?UTF-8?B?5pel5pys6Kqe44Gu44OV44Kh44Kk44Or?=\r\n"),
        // Mostly ASCII: Q is shorter and stays readable.
        ("Re: Übergabe", "Subject: =?UTF-8?Q?Re=3A_=C3=9Cbergabe?=\r\n"),
        // Runs of spaces, leading spaces and tabs would be lost or changed by unfolding: encoded.
        ("a  b", "Subject: =?UTF-8?Q?a__b?=\r\n"),
        (" leading", "Subject: =?UTF-8?Q?_leading?=\r\n"),
        ("tab\there", "Subject: =?UTF-8?Q?tab=09here?=\r\n"),
        // Text that looks like an encoded word is encoded, so no reader decodes it.
        ("=?UTF-8?Q?x?=", "Subject: =?UTF-8?B?PT9VVEYtOD9RP3g/PQ==?=\r\n"),
        ("Done ✅🎉", "Subject: =?UTF-8?B?RG9uZSDinIXwn46J?=\r\n"),
        ("The weekly report for the Demo Client project, including the invoices and the time sheet",
         "Subject: The weekly report for the Demo Client project, including the\r\n invoices and the time sheet\r\n"),
        // A first word that would push the first line past 76 is encoded so it can be split.
        (String(repeating: "x", count: 70),
         "Subject: =?UTF-8?Q?" + String(repeating: "x", count: 55) + "?=\r\n =?UTF-8?Q?" + String(repeating: "x", count: 15) + "?=\r\n"),
        (String(repeating: "x", count: 67), "Subject: " + String(repeating: "x", count: 67) + "\r\n"),
        // One word too long to fold is split into encoded words.
        (String(repeating: "abcdefghij", count: 10),
         "Subject: =?UTF-8?Q?abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde?=\r\n =?UTF-8?Q?fghijabcdefghijabcdefghijabcdefghijabcdefghij?=\r\n"),
        ("Grüße aus Köln – die Übergabe für März ist fertig und geprüft, alles Gute",
         "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4g4oCTIGRpZSDDnGJlcmdhYmUgZsO8?=\r\n =?UTF-8?B?ciBNw6RyeiBpc3QgZmVydGlnIHVuZCBnZXByw7xmdCwgYWxsZXMgR3V0ZQ==?=\r\n"),
    ])
    func unstructured(text: String, expected: String) {
        var line = HeaderLine(name: "Subject")
        HeaderEncoding.appendUnstructured(text, to: &line)
        #expect(String(decoding: line.rendered, as: UTF8.self) == expected)
    }

    /// Display names: atoms, quoted strings (specials, quotes, backslashes), encoded words.
    @Test("Display names", arguments: [
        ("Pat Example", "To: Pat Example <x@demo.example>\r\n"),
        ("O'Brien", "To: O'Brien <x@demo.example>\r\n"),
        ("Doe, Jane", "To: \"Doe, Jane\" <x@demo.example>\r\n"),
        ("Jane \"JD\" Doe", "To: \"Jane \\\"JD\\\" Doe\" <x@demo.example>\r\n"),
        ("Chris (Ops)", "To: \"Chris (Ops)\" <x@demo.example>\r\n"),
        ("J. Smith", "To: \"J. Smith\" <x@demo.example>\r\n"),
        ("a\\b", "To: \"a\\\\b\" <x@demo.example>\r\n"),
        ("Jörg", "To: =?UTF-8?B?SsO2cmc=?= <x@demo.example>\r\n"),
        ("李小龍", "To: =?UTF-8?B?5p2O5bCP6b6N?= <x@demo.example>\r\n"),
        ("José María Fernández de la Cruz y Rodríguez-Sánchez García",
         "To: =?UTF-8?Q?Jos=C3=A9_Mar=C3=ADa_Fern=C3=A1ndez_de_la_Cruz_y_Rodr=C3=ADg?=\r\n =?UTF-8?Q?uez-S=C3=A1nchez_Garc=C3=ADa?= <x@demo.example>\r\n"),
    ])
    func displayName(name: String, expected: String) throws {
        var line = HeaderLine(name: "To")
        try HeaderEncoding.appendAddresses([EmailAddress(displayName: name, address: "x@demo.example")], header: "To", to: &line)
        #expect(String(decoding: line.rendered, as: UTF8.self) == expected)
    }

    @Test("Address lists are comma-separated and folded between addresses")
    func addressList() throws {
        let addresses = try (1...6).map { try EmailAddress(displayName: "Person \($0)", address: "person\($0)@demo.example") }
        var line = HeaderLine(name: "To")
        try HeaderEncoding.appendAddresses(addresses, header: "To", to: &line)
        let text = String(decoding: line.rendered, as: UTF8.self)
        #expect(text == "To: Person 1 <person1@demo.example>, Person 2 <person2@demo.example>, Person\r\n 3 <person3@demo.example>, Person 4 <person4@demo.example>, Person 5\r\n <person5@demo.example>, Person 6 <person6@demo.example>\r\n")
    }

    @Test("A local part that is not a dot-atom is written quoted, as in the envelope", arguments: [
        ("\"a..b\"@demo.example", "To: \"a..b\"@demo.example\r\n"),
        ("\"pat\"@demo.example", "To: pat@demo.example\r\n"),
        ("first.last+tag@demo.example", "To: first.last+tag@demo.example\r\n"),
    ])
    func localPartQuoting(address: String, expected: String) throws {
        let parsed = try EmailAddress(address: address)
        var line = HeaderLine(name: "To")
        try HeaderEncoding.appendAddresses([parsed], header: "To", to: &line)
        #expect(String(decoding: line.rendered, as: UTF8.self) == expected)
        #expect(parsed.address == String(expected.dropFirst(4).dropLast()), "the envelope carries `address`")
    }

    /// Properties for many texts: no encoded word over 75 characters, no line over 76,
    /// each word decodes on its own (whole scalars), and together they give the text back.
    @Test("Encoded words stay within RFC 2047 limits and decode to the original", arguments: [
        "ü", "日本語", String(repeating: "ü", count: 200), String(repeating: "🎉", count: 50),
        String(repeating: "a b ", count: 40) + "é", "👩‍👩‍👧‍👦 family", "Ünïcödé and ASCII mixed, with punctuation: ?=_()<>",
    ])
    func encodedWordLimits(text: String) throws {
        for encoding in [EncodedWord.Encoding.base64, .quoted] {
            for firstLimit in [EncodedWord.minimumLength, 40, EncodedWord.maxLength] {
                let words = EncodedWord.encode(text, using: encoding, firstLimit: firstLimit)
                #expect(words.allSatisfy { $0.utf8.count <= EncodedWord.maxLength })
                #expect(words.first.map { $0.utf8.count <= firstLimit } ?? false)
                #expect(words.allSatisfy { Fixture.decodeEncodedWords([$0]) != nil }, "a word split a UTF-8 sequence")
                #expect(Fixture.decodeEncodedWords(words) == text)
            }
        }
        var line = HeaderLine(name: "Subject")
        HeaderEncoding.appendUnstructured(text, to: &line)
        let lines = String(decoding: line.rendered, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= HeaderLine.width })
    }
}
