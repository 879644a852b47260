import Foundation
import HandoffCore
import Testing
@testable import HandoffMIME

@Suite("Message ids")
struct MessageIDTests {
    @Test("Accepted forms", arguments: [
        ("<abc@va.example>", "abc@va.example"),
        ("abc@va.example", "abc@va.example"),
        ("  <H-7K2M9QXA4D.X@va.example>  ", "H-7K2M9QXA4D.X@va.example"),
        ("<CAF=x+y/z@mail.gmail.com>", "CAF=x+y/z@mail.gmail.com"),
        ("<a@b@c>", "a@b@c"),
    ])
    func accepted(text: String, value: String) throws {
        let id = try MessageID(parsing: text)
        #expect(id.value == value)
        #expect(id.bracketed == "<\(value)>")
    }

    @Test("Refused forms", arguments: [
        "", "<>", "no-at-sign", "@va.example", "left@", "<a b@c>", "<a@b>\r\nBcc: x@y", "a@b\n", "a\r@b",
        "<a<b@c>", "<ü@va.example>", String(repeating: "a", count: 901) + "@b",
    ])
    func refused(text: String) {
        let error = #expect(throws: HandoffError.self) { try MessageID(parsing: text) }
        #expect(error?.kind == .badInput)
    }

    @Test("Generated ids carry the handoff id, are unique, and parse back")
    func generate() throws {
        let handoff = try HandoffID(parsing: "H-7K2M9QXA4D")
        let first = MessageID.generate(for: handoff, domain: "VA.Example")
        let second = MessageID.generate(for: handoff, domain: "va.example")
        #expect(first != second)
        #expect(first.value.hasPrefix("H-7K2M9QXA4D."))
        #expect(first.value.hasSuffix("@va.example"))
        #expect(try MessageID(parsing: first.bracketed) == first)
        // A domain that cannot be written in ASCII is replaced, never written raw.
        let idn = MessageID.generate(for: handoff, domain: "bücher.example")
        #expect(idn.value.hasSuffix("@handoff.invalid"))
    }

    @Test("Codable as the bracketed text")
    func codable() throws {
        let id = try MessageID(parsing: "abc@va.example")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["<abc@va.example>"]"#)
        #expect(try JSONDecoder().decode([MessageID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MessageID].self, from: Data(#"["bad"]"#.utf8)) }
    }
}
