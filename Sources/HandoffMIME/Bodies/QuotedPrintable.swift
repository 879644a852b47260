import HandoffCore

/// Quoted-printable (RFC 2045 section 6.7) for text bodies.
enum QuotedPrintable {
    /// RFC 2045: encoded lines are at most 76 characters, the soft-break `=` included.
    static let lineLength = 76

    /// Encodes text whose line breaks are already CRLF. Line breaks stay hard breaks; other
    /// bytes are literal when printable ASCII (and not `=`), spaces and tabs are literal
    /// except at the end of a line (where transports may strip them), everything else is
    /// `=XX`. Long lines get soft breaks that never split an `=XX` triplet.
    static func encode(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 8)
        var lineStart = 0
        while lineStart <= text.count {
            let lineEnd = CRLF.endOfLine(in: text, from: lineStart)
            encodeLine(text[lineStart..<lineEnd], into: &out)
            guard lineEnd < text.count else { break }
            out += [0x0D, 0x0A]
            lineStart = lineEnd + 2
        }
        return out
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let literal = (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let width = literal ? 1 : 3
            // The last token may use the 76th column; any other must leave room for "=".
            let limit = isLast ? lineLength : lineLength - 1
            if column + width > limit {
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
            }
            if literal {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "="))
                Hex.append(byte, uppercase: true, to: &out)
            }
            column += width
            index += 1
        }
    }
}

/// How a text body goes out: CRLF-normalised, and either as it is or quoted-printable.
struct TextBody {
    enum TransferEncoding: String {
        case sevenBit = "7bit"
        case quotedPrintable = "quoted-printable"
    }

    let encoding: TransferEncoding
    /// The body as it appears in the message.
    let encoded: [UInt8]

    /// Lines up to this length may go out as 7bit; longer ones are quoted-printable so that
    /// no line ever nears the 998-octet limit and none is wrapped by a client.
    static let maxPlainLine = 76

    init(_ text: String) {
        let normalized = CRLF.normalize(text)
        if Self.isPlain(normalized) {
            encoding = .sevenBit
            encoded = normalized
        } else {
            encoding = .quotedPrintable
            encoded = QuotedPrintable.encode(normalized)
        }
    }

    /// Plain enough for 7bit: ASCII without control characters but tab, short lines, no
    /// trailing space or tab (transports strip them), and no `=_`, which starts every MIME
    /// boundary this writer makes; quoted-printable always encodes `=`, so with it no body
    /// line can ever look like a boundary.
    static func isPlain(_ text: [UInt8]) -> Bool {
        var lineStart = 0
        while lineStart <= text.count {
            let lineEnd = CRLF.endOfLine(in: text, from: lineStart)
            guard lineEnd - lineStart <= maxPlainLine else { return false }
            var previous: UInt8 = 0
            for byte in text[lineStart..<lineEnd] {
                guard (byte >= 0x20 && byte < 0x7F) || byte == 0x09 else { return false }
                if previous == UInt8(ascii: "="), byte == UInt8(ascii: "_") { return false }
                previous = byte
            }
            if lineEnd > lineStart, text[lineEnd - 1] == 0x20 || text[lineEnd - 1] == 0x09 { return false }
            guard lineEnd < text.count else { break }
            lineStart = lineEnd + 2
        }
        return true
    }
}

enum CRLF {
    /// The text's UTF-8 with every line break as CRLF: bare CR, bare LF and CRLF all become
    /// CRLF, so no bare CR or LF can reach SMTP.
    static func normalize(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var afterCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0D:
                out += [0x0D, 0x0A]
                afterCR = true
            case 0x0A:
                if !afterCR { out += [0x0D, 0x0A] }
                afterCR = false
            default:
                out.append(byte)
                afterCR = false
            }
        }
        return out
    }

    /// The index of the CR that ends the line starting at `start`, or `text.count`.
    /// Expects normalised text, where every CR is followed by LF.
    static func endOfLine(in text: [UInt8], from start: Int) -> Int {
        var index = start
        while index < text.count, text[index] != 0x0D { index += 1 }
        return index
    }
}
