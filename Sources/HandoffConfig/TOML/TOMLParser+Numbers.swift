import HandoffCore

extension DocumentParser {
    /// A number, or a date or time (which also start with digits: `1979-05-27`, `07:32:00`).
    mutating func parseNumberOrDate() throws(HandoffError) -> TOMLValue.Kind {
        if digits(at: 0..<4), cursor.peek(4) == "-" { return .datetime(try parseDateTime()) }
        if digits(at: 0..<2), cursor.peek(2) == ":" { return .datetime(try parseDateTime()) }
        let start = cursor.index
        var token: [Unicode.Scalar] = []
        while let scalar = cursor.peek(), TOMLNumberSyntax.isTokenScalar(scalar) {
            token.append(scalar)
            cursor.advance()
        }
        do {
            return try TOMLNumberSyntax.parse(token)
        } catch {
            throw cursor.error("invalid number: \(error.message)", at: start)
        }
    }

    private func digits(at offsets: Range<Int>) -> Bool {
        offsets.allSatisfy { TOMLCursor.isDigit(cursor.peek($0)) }
    }
}
