import CGMime

/// The defects of one parse, from GMime's parser warnings and from our own checks.
///
/// A class because GMime calls back into it through a C function pointer with an
/// unretained reference. Capped: a message with 100,000 bad headers gives 100,000
/// warnings, and the list must not cost more than the message.
final class DefectCollector {
    static let maxDefects = 100

    private(set) var defects: [String] = []
    private var dropped = 0
    private var seen: Set<String> = []

    /// Adds `defect` once; repeats are dropped.
    func add(_ defect: String) {
        guard !seen.contains(defect) else { return }
        guard defects.count < Self.maxDefects else {
            dropped += 1
            return
        }
        seen.insert(defect)
        defects.append(defect)
    }

    /// The list, with a last line counting what the cap dropped.
    var all: [String] {
        dropped == 0 ? defects : defects + ["\(dropped) more defects not listed"]
    }

    /// GMime's parser warning callback, in words. `item` is a header name or a piece of a
    /// value: cut short and stripped of control characters before it is kept.
    func parserWarning(offset: Int64, code: GMimeParserWarning, item: String?) {
        let detail = item.map { text in
            let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(60).map(Character.init))
            return " (\(clean))"
        } ?? ""
        add(Self.describe(code) + detail)
    }

    static func describe(_ code: GMimeParserWarning) -> String {
        switch code {
        case GMIME_WARN_DUPLICATED_HEADER: "duplicated header"
        case GMIME_WARN_DUPLICATED_PARAMETER: "duplicated header parameter"
        case GMIME_WARN_UNENCODED_8BIT_HEADER: "unencoded 8-bit characters in a header"
        case GMIME_WARN_INVALID_CONTENT_TYPE: "invalid content type, read as application/octet-stream"
        case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: "invalid RFC 2047 encoded header value"
        case GMIME_WARN_MALFORMED_MULTIPART: "multipart without parts"
        case GMIME_WARN_TRUNCATED_MESSAGE: "message truncated (missing closing boundary)"
        case GMIME_WARN_MALFORMED_MESSAGE: "malformed message"
        case GMIME_CRIT_INVALID_HEADER_NAME: "invalid header name"
        case GMIME_CRIT_CONFLICTING_HEADER: "conflicting header"
        case GMIME_CRIT_CONFLICTING_PARAMETER: "conflicting header parameter"
        case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: "multipart without a boundary"
        case GMIME_WARN_INVALID_PARAMETER: "invalid header parameter"
        case GMIME_WARN_INVALID_ADDRESS_LIST: "invalid address list"
        case GMIME_CRIT_NESTING_OVERFLOW: "MIME nesting too deep"
        case GMIME_WARN_PART_WITHOUT_CONTENT: "part without content"
        case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: "part without headers or content"
        default: "parser warning \(code.rawValue)"
        }
    }
}

@available(*, unavailable)
extension DefectCollector: Sendable {}
