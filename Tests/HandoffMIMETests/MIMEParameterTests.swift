import Testing
@testable import HandoffMIME

@Suite("RFC 2231 file names")
struct MIMEParameterTests {
    @Test("Content-Disposition file names", arguments: [
        ("report.zip", "Content-Disposition: attachment; filename=\"report.zip\"\r\n"),
        // Specials are fine inside quotes.
        ("100% done; final, (v2).zip", "Content-Disposition: attachment; filename=\"100% done; final, (v2).zip\"\r\n"),
        ("Übergabe.zip", "Content-Disposition: attachment; filename*=UTF-8''%C3%9Cbergabe.zip;\r\n filename=\"_bergabe.zip\"\r\n"),
        // Quotes and backslashes are mangled by too many readers to go in a quoted string.
        ("my \"best\" file.zip", "Content-Disposition: attachment;\r\n filename*=UTF-8''my%20%22best%22%20file.zip; filename=\"my _best_ file.zip\"\r\n"),
        ("a\\b.zip", "Content-Disposition: attachment; filename*=UTF-8''a%5Cb.zip;\r\n filename=\"a_b.zip\"\r\n"),
        ("emoji 🎉.zip", "Content-Disposition: attachment; filename*=UTF-8''emoji%20%F0%9F%8E%89.zip;\r\n filename=\"emoji _.zip\"\r\n"),
        // Long names: continuations that never split a %XX triplet or a character.
        ("日本語のファイル名.tar.gz",
         "Content-Disposition: attachment;\r\n filename*0*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%AE%E3%83%95%E3%82%A1;\r\n filename*1*=%E3%82%A4%E3%83%AB%E5%90%8D.tar.gz; filename=\"_________.tar.gz\"\r\n"),
        (String(repeating: "long-name-", count: 8) + ".zip",
         "Content-Disposition: attachment;\r\n filename*0*=UTF-8''long-name-long-name-long-name-long-name-long-name-long-;\r\n filename*1*=name-long-name-long-name-.zip;\r\n filename=\"long-name-long-name-long-name-long-name-long-name-long-n.zip\"\r\n"),
    ])
    func fileName(name: String, expected: String) {
        var line = HeaderLine(name: "Content-Disposition")
        line.append("attachment;")
        line.append(contentsOf: MIMEParameter.tokens(attribute: "filename", value: name, isLast: true))
        #expect(String(decoding: line.rendered, as: UTF8.self) == expected)
    }

    @Test("Continuations of very long names: every line within 76, sections decode to the name", arguments: [
        String(repeating: "ü", count: 120) + ".pdf",
        String(repeating: "🎉", count: 40),
        "Quarterly report " + String(repeating: "and appendix ", count: 20) + ".xlsx",
    ])
    func longNames(name: String) {
        let tokens = MIMEParameter.extended(attribute: "filename", value: name)
        #expect(tokens.count > 1)
        var joined = ""
        for (index, token) in tokens.enumerated() {
            let prefix = "filename*\(index)*="
            #expect(token.hasPrefix(prefix))
            #expect(token.utf8.count + 2 <= HeaderLine.width, "section \(index) too long")
            joined += token.dropFirst(prefix.count)
        }
        #expect(joined.hasPrefix("UTF-8''"))
        #expect(joined.dropFirst(7).removingPercentEncodingForTest() == name)
    }

    @Test("The ASCII fallback keeps the extension and stays short", arguments: [
        ("Übergabe.zip", "_bergabe.zip"),
        ("", "attachment"),
        (String(repeating: "x", count: 100) + ".tar.gz", String(repeating: "x", count: 57) + ".gz"),
        (String(repeating: "y", count: 100), String(repeating: "y", count: 60)),
    ])
    func fallback(name: String, expected: String) {
        #expect(MIMEParameter.fallback(for: name) == expected)
    }
}

extension Substring {
    /// Percent-decoding written out here, so the test does not lean on the code it checks.
    func removingPercentEncodingForTest() -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
