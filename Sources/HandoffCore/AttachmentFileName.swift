import Foundation

/// Safe names for files that arrive in mail: a client's attachment name is untrusted text
/// that ends up as a file name on the VA's disk, and later maybe on a Windows machine.
///
/// A sanitised name has no `/` or `\`, no `..`, no control characters, no leading dots, no
/// trailing dots or spaces, is not a Windows-reserved device name (with any extension), is
/// at most `maxBytes` UTF-8 bytes with its extension kept, and is in Unicode NFC so that the
/// same name typed on two systems is the same file. The original stays in the store.
public enum AttachmentFileName {
    /// The longest name in UTF-8 bytes: well under every file system's 255, with room for
    /// the " (2)" that `unique` may add.
    public static let maxBytes = 120

    /// An extension longer than this is treated as part of the name, not kept on truncation.
    static let maxExtensionBytes = 16

    /// Device names Windows refuses as file names, whatever the extension.
    static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL"]
        for digit in 1...9 {
            names.insert("COM\(digit)")
            names.insert("LPT\(digit)")
        }
        return names
    }()

    /// Characters Windows refuses in names; replaced like the path separators.
    static let replaced: Set<Character> = ["/", "\\", "<", ">", ":", "\"", "|", "?", "*"]

    /// A safe name for an attachment called `original` (nil or empty when the mail named
    /// none). `fallbackIndex` numbers the `attachment-<n>` name used when nothing of the
    /// original survives; `contentType` (`image/png`) then gives it an extension.
    public static func sanitize(_ original: String?, contentType: String?, fallbackIndex: Int) -> String {
        var text = ""
        for character in (original ?? "").precomposedStringWithCanonicalMapping {
            if character.unicodeScalars.contains(where: isControl) { continue }
            text.append(replaced.contains(character) ? "_" : character)
        }
        // Runs of dots become one, so no `..` survives anywhere in the name.
        while text.contains("..") { text = text.replacingOccurrences(of: "..", with: ".") }
        text = trimmed(text)
        if text.isEmpty {
            return "attachment-\(fallbackIndex)" + (contentType.flatMap(fileExtension(for:)).map { "." + $0 } ?? "")
        }
        // Windows reads `COM9.tar.gz` as the device COM9: the name before the first dot counts.
        let device = text.prefix { $0 != "." }.trimmingCharacters(in: .whitespaces).uppercased()
        if reserved.contains(device) {
            text = "_" + text
        }
        return capped(text)
    }

    /// `name`, or `name (2)`, `name (3)`… (before the extension) when a file of that name
    /// is already in `folder`: two attachments called `scan.pdf` both survive.
    public static func unique(_ name: String, in folder: String) -> String {
        guard FileSystem.exists(Paths.join(folder, name)) else { return name }
        let (stem, ext) = split(name)
        var counter = 2
        while true {
            let suffix = " (\(counter))" + ext
            let candidate = truncated(stem, toBytes: maxBytes - suffix.utf8.count) + suffix
            if !FileSystem.exists(Paths.join(folder, candidate)) { return candidate }
            counter += 1
        }
    }

    /// The extension usually given to files of `contentType`, when it is a common one.
    public static func fileExtension(for contentType: String) -> String? {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/pdf": return "pdf"
        case "application/zip": return "zip"
        case "application/msword": return "doc"
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": return "docx"
        case "application/vnd.ms-excel": return "xls"
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": return "xlsx"
        case "image/png": return "png"
        case "image/jpeg", "image/jpg": return "jpg"
        case "image/gif": return "gif"
        case "image/webp": return "webp"
        case "text/plain": return "txt"
        case "text/html": return "html"
        case "text/csv": return "csv"
        case "text/calendar": return "ics"
        case "message/rfc822": return "eml"
        default: return nil
        }
    }

    /// C0 controls, DEL and C1 controls: invisible, and some terminals act on them.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Without leading dots and white space, and without trailing dots and white space
    /// (Windows drops those silently, which would merge two names).
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == "." || first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last == "." || last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// The name before its last dot, and the extension with its dot ("" when none or when
    /// too long to be one).
    static func split(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = String(name[dot...])
        guard ext.utf8.count <= maxExtensionBytes + 1, !ext.contains(" ") else { return (name, "") }
        return (String(name[..<dot]), ext)
    }

    /// `name` cut to `maxBytes`, keeping its extension.
    static func capped(_ name: String) -> String {
        guard name.utf8.count > maxBytes else { return name }
        let (stem, ext) = split(name)
        let kept = truncated(stem, toBytes: maxBytes - ext.utf8.count)
        // Cutting may leave trailing dots or spaces; trim them again, and never return "".
        let stemPart = trimmed(kept)
        return (stemPart.isEmpty ? "attachment" : stemPart) + ext
    }

    /// The longest prefix of `text` of at most `limit` UTF-8 bytes that ends on a whole
    /// character.
    static func truncated(_ text: String, toBytes limit: Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            out.append(character)
            used += size
        }
        return out
    }
}
