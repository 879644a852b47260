import Foundation
import HandoffTestSupport
import Testing
@testable import HandoffMIME

@Suite("Base64 lines")
struct Base64Tests {
    /// Every size around the line and group edges: exact size formula, 76-character lines,
    /// CRLF between lines only, and the bytes decode back.
    @Test("Sizes, line layout and round trip", arguments: Array(0...200) + [57 * 100, 57 * 100 + 1, 57 * 100 - 1])
    func lines(count: Int) {
        let input = Fixture.randomBytes(count: count, seed: UInt64(count))
        var encoder = Base64LineEncoder()
        var output = [UInt8](repeating: 0, count: Base64LineEncoder.outputCapacity(forInputCount: count))
        let written = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { encoder.encode(source, into: $0) }
        }
        let text = String(decoding: output[0..<written], as: UTF8.self)
        #expect(Int64(written) == Base64.encodedSize(ofByteCount: Int64(count)))
        let lines = text.components(separatedByCRLF: ())
        #expect(lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect((lines.last?.utf8.count ?? 0) <= 76)
        #expect(Data(base64Encoded: lines.joined()) == Data(input))
    }

    @Test("Chunks of whole lines give the same output as one call")
    func chunked() {
        let input = Fixture.randomBytes(count: 57 * 10 + 13, seed: 7)
        func encode(chunk: Int) -> [UInt8] {
            var encoder = Base64LineEncoder()
            var result: [UInt8] = []
            for start in stride(from: 0, to: input.count, by: chunk) {
                let slice = Array(input[start..<min(start + chunk, input.count)])
                var output = [UInt8](repeating: 0, count: Base64LineEncoder.outputCapacity(forInputCount: slice.count))
                let written = slice.withUnsafeBytes { source in output.withUnsafeMutableBytes { encoder.encode(source, into: $0) } }
                result += output[0..<written]
            }
            return result
        }
        #expect(encode(chunk: 57) == encode(chunk: input.count))
        #expect(encode(chunk: 57 * 3) == encode(chunk: input.count))
    }

    @Test("Small buffers for encoded words", arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar", "Grüße 🎉"])
    func small(text: String) {
        #expect(Base64.encode(Array(text.utf8)) == Data(text.utf8).base64EncodedString())
    }
}
