/// Lower-case hex of a digest. `String(format: "%02x")` per byte goes through Foundation's
/// format parser and dominated `ledger verify` on large ledgers; a table lookup does not.
enum HexDigest {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
