/// Hexadecimal, by table lookup: `String(format: "%02x")` per byte goes through
/// Foundation's format parser and dominated `ledger verify` on large ledgers. Lower case is
/// the form every digest and signature takes (manifests, records, receipts, links); upper
/// case is what percent-encoding writes.
public enum Hex {
    private static let lowerDigits = Array("0123456789abcdef".utf8)
    private static let upperDigits = Array("0123456789ABCDEF".utf8)

    public static func string(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes { append(byte, uppercase: uppercase, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the two digits of `byte`, for writers that build bytes.
    public static func append(_ byte: UInt8, uppercase: Bool = false, to out: inout [UInt8]) {
        let digits = uppercase ? upperDigits : lowerDigits
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }

    /// The bytes of lower- or upper-case hex; nil for anything else (an odd length, a
    /// character that is not a hex digit).
    public static func bytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
