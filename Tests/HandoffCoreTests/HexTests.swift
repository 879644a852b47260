import HandoffCore
import Testing

@Suite("Hex")
struct HexTests {
    @Test(
        "bytes become two digits each, lower case unless asked",
        arguments: [
            ([UInt8](), false, ""),
            ([0x00, 0x0F, 0xA5, 0xFF], false, "000fa5ff"),
            ([0x00, 0x0F, 0xA5, 0xFF], true, "000FA5FF"),
            ([0x7F], true, "7F"),
        ])
    func encodes(bytes: [UInt8], uppercase: Bool, expected: String) {
        #expect(Hex.string(bytes, uppercase: uppercase) == expected)
        var out: [UInt8] = []
        for byte in bytes { Hex.append(byte, uppercase: uppercase, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test("every byte survives the way there and back")
    func roundTrip() {
        let all = (0...255).map(UInt8.init)
        #expect(Hex.bytes(Hex.string(all)) == all)
        #expect(Hex.bytes(Hex.string(all, uppercase: true)) == all)
    }

    @Test("anything but whole pairs of hex digits is refused", arguments: ["a", "abc", "0g", "zz", " 0a", "0a\n", "é0"])
    func refuses(text: String) {
        #expect(Hex.bytes(text) == nil)
    }
}
