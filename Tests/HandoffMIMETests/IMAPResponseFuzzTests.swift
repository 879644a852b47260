import HandoffTestSupport
import Testing
@testable import HandoffMIME

@Suite("IMAP response fuzz")
struct IMAPResponseFuzzTests {
    /// Stated: this many inputs, each read whole and in chunks of a random size.
    static let inputCount = 20_000

    @Test("any bytes: no trap, same events however they are cut, literals exactly as long as announced")
    func responses() {
        let seeds = IMAPResponseReaderTests.fixtures.map { Array($0.input.utf8) } + [
            Array("* 1 FETCH (UID 7 RFC822.SIZE 12 BODY[] {12}\r\nabc\r\n\r\ndefg\r\n)\r\nh2 OK done\r\n".utf8),
        ]
        var generator = SeededGenerator(seed: 10)
        let started = ContinuousClock.now
        var literals = 0
        var responses = 0
        for input in FuzzInputs(seed: 11, count: Self.inputCount, seeds: seeds) {
            let whole = MIMEFuzz.readIMAPResponses(input, chunkSize: input.count)
            let cut = MIMEFuzz.readIMAPResponses(input, chunkSize: Int.random(in: 1...17, using: &generator))
            #expect(whole.failed == cut.failed, "input \(input)")
            if !whole.failed { #expect(whole.events == cut.events, "input \(input)") }
            var announced: Int64 = 0
            var received: Int64 = 0
            for event in whole.events {
                switch event {
                case .literalStart(let start): (announced, received) = (start.length, 0)
                case .literalData(let bytes): received += Int64(bytes.count)
                case .literalEnd:
                    #expect(received == announced, "input \(input)")
                    literals += 1
                case .response: responses += 1
                }
            }
        }
        // Bent inputs must still give responses and whole bodies, or the checks above test
        // nothing (most bodies end early once a mutation moved a byte of their size).
        #expect(responses > Self.inputCount / 3)
        #expect(literals > Self.inputCount / 100)
        // Bounded work: thousands of inputs in well under a minute even in a debug build.
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
