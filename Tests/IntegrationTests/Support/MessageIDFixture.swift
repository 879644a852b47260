import HandoffMIME
import HandoffMail

enum MessageIDFixture {
    static func parse(_ text: String) throws -> MessageID { try MessageID(parsing: text) }
}
