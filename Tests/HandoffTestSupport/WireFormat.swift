import Foundation

/// The rules every rendered message keeps, as a list of what breaks them: CRLF only, no
/// line over 998 octets, header lines within 78, encoded words within 75, and only ASCII
/// (8-bit text never leaks). Empty for a good message.
public enum WireFormat {
    /// - Parameter headerLineLimit: 78 is RFC 5322's "should"; a header made of one token
    ///   that cannot be folded (a long media type) may pass it, never 998.
    public static func violations(_ raw: [UInt8], headerLineLimit: Int = 78) -> [String] {
        var found: [String] = []
        var bareCR = 0, bareLF = 0, longest = 0, lineLength = 0
        for (index, byte) in raw.enumerated() {
            if byte == 0x0D {
                if index + 1 >= raw.count || raw[index + 1] != 0x0A { bareCR += 1 }
            } else if byte == 0x0A {
                if index == 0 || raw[index - 1] != 0x0D { bareLF += 1 }
                longest = max(longest, lineLength)
                lineLength = 0
            } else {
                lineLength += 1
            }
        }
        longest = max(longest, lineLength)
        if bareCR > 0 { found.append("\(bareCR) bare CR") }
        if bareLF > 0 { found.append("\(bareLF) bare LF") }
        if longest > 998 { found.append("a line of \(longest) octets") }
        if !raw.allSatisfy({ $0 < 0x80 }) { found.append("8-bit byte in the output") }

        let text = String(decoding: raw, as: UTF8.self)
        // Every part's header section: the top one and each after a boundary line.
        let headerBlocks = text.components(separatedBy: "\r\n\r\n").enumerated().compactMap { index, block -> String? in
            index == 0 ? block : (block.contains("\r\nContent-Type:") || block.hasPrefix("--=_") ? block : nil)
        }
        for block in headerBlocks {
            for line in block.components(separatedBy: "\r\n") where !line.hasPrefix("--=_") && line.utf8.count > headerLineLimit {
                found.append("header line too long: \(line)")
            }
        }
        for word in text.matches(of: /=\?[^?\s]+\?[BQ]\?[^?\s]*\?=/) where word.output.count > 75 {
            found.append("encoded word too long: \(word.output)")
        }
        return found
    }
}
