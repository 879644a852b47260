/// Text from clients and files (memos, subjects, file names) made safe to show on a terminal.
///
/// An escape sequence in a memo or a mail subject would otherwise reach the VA's terminal
/// raw: it can recolour or clear the screen, set the window title, or fake a line of output.
/// Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what is
/// seen are shown as `\u{1B}`; everything else, non-ASCII letters included, stays as it is.
/// JSON and CSV output are data for programs and stay exact.
public enum TerminalText {
    /// `text` with every control character escaped; line breaks too unless `keepingNewlines`
    /// (for whole tables, whose rows are lines).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingNewlines: keepingNewlines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingNewlines: keepingNewlines) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepingNewlines: Bool) -> Bool {
        if scalar == "\n" { return !keepingNewlines }
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates: they reorder the text shown.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
