import HandoffCore
import Testing

@Suite("Random tokens")
struct RandomTokenTests {
    /// Counts the draws made, and hands out a fixed sequence so the output can be checked.
    struct CountingGenerator: RandomNumberGenerator {
        var values: [UInt64]
        var draws = 0

        mutating func next() -> UInt64 {
            defer { draws += 1 }
            return values[draws % values.count]
        }
    }

    @Test("Each 64-bit draw gives twelve characters, five bits each, lowest bits first")
    func bitsPerDraw() {
        // 0, 1, 2, ..., 11 in successive 5-bit fields.
        let packed = (0..<12).reduce(UInt64(0)) { $0 | UInt64($1) << (5 * UInt64($1)) }
        var generator = CountingGenerator(values: [packed, UInt64.max])
        let token = RandomToken.crockford(length: 26, using: &generator)
        #expect(token == "0123456789AB" + "ZZZZZZZZZZZZ" + "01")
        #expect(generator.draws == 3)
    }

    @Test("Tokens use the whole alphabet and nothing else")
    func alphabet() {
        var generator = SystemRandomNumberGenerator()
        let text = (0..<200).map { _ in RandomToken.crockford(length: 26, using: &generator) }.joined()
        #expect(Set(text) == Set(RandomToken.crockford))
        #expect(text.count == 200 * 26)
    }
}
