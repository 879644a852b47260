/// One header field being built, folded as it grows.
///
/// Tokens are the units that must not be broken (a word, an encoded word, an address); they
/// are joined by single spaces, and a fold (CRLF before that space) is placed wherever the
/// next token would push the line past `width`. Unfolding (removing the CRLF) gives back
/// exactly the unfolded text, so folding never changes a value.
///
/// The width is 76 rather than RFC 5322's 78 because RFC 2047 limits lines that carry
/// encoded words to 76, and one width for every header keeps the rule simple.
struct HeaderLine {
    static let width = 76

    private(set) var bytes: [UInt8]
    private var column: Int
    private var hasToken = false

    init(name: String) {
        bytes = Array(name.utf8) + [UInt8(ascii: ":")]
        column = bytes.count
    }

    /// Characters left on the current line after a separating space.
    var room: Int { Self.width - column - 1 }

    /// Appends `token` after a space, folding first if it would not fit. The first token
    /// never folds: a fold right after the colon gains nothing and confuses some readers.
    mutating func append(_ token: String) {
        let length = token.utf8.count
        if hasToken, column + 1 + length > Self.width {
            bytes += [0x0D, 0x0A, 0x20]
            column = 1
        } else {
            bytes.append(0x20)
            column += 1
        }
        bytes += token.utf8
        column += length
        hasToken = true
    }

    /// Whether `token` can be appended without making a line longer than `width`: always
    /// after a first token (the fold makes room), on the first line only if there is room.
    func fits(_ token: String) -> Bool {
        hasToken ? token.utf8.count < Self.width : column + 1 + token.utf8.count <= Self.width
    }

    mutating func append(contentsOf tokens: [String]) {
        for token in tokens { append(token) }
    }

    /// The limit for the first of a run of encoded words: fill the current line when enough
    /// of it is left, otherwise let the word fold onto a fresh line.
    var firstEncodedWordLimit: Int {
        room >= EncodedWord.minimumLength ? min(room, EncodedWord.maxLength) : EncodedWord.maxLength
    }

    /// The finished field, CRLF-terminated.
    var rendered: [UInt8] { bytes + [0x0D, 0x0A] }
}
