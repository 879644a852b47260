import Foundation
import HandoffCore
import Testing

@Suite("Values stored as text")
struct TextCodableTests {
    struct Row: Codable, Equatable {
        var address: EmailAddress
        var project: ProjectID
        var rule: AllowRule
    }

    @Test("addresses, project ids and allow rules are stored as the text a person writes")
    func roundTrip() throws {
        let row = Row(
            address: try EmailAddress(parsing: "Dana Client <dana@acme.test>"), project: try ProjectID("acme"),
            rule: try AllowRule(parsing: "*.acme.test"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(row), as: UTF8.self)
        #expect(json == #"{"address":"Dana Client <dana@acme.test>","project":"acme","rule":"*.acme.test"}"#)
        #expect(try JSONDecoder().decode(Row.self, from: Data(json.utf8)) == row)
    }

    @Test("stored text the parser refuses does not decode, and says why")
    func refused() {
        let json = #"{"address":"not an address","project":"acme","rule":"acme.test"}"#
        let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode(Row.self, from: Data(json.utf8)) }
        guard case .dataCorrupted(let context)? = error else { Issue.record("expected dataCorrupted"); return }
        #expect(context.debugDescription.contains("not an email address"))
    }
}
