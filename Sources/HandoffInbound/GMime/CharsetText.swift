import CGMime
import Foundation

/// Text bytes in a declared charset to a Swift string, through iconv (via GMime, which
/// knows the aliases mail uses, like `ks_c_5601-1987`). Charsets lie: when the declared one
/// is unknown or the bytes are not valid in it, the bytes are read as UTF-8 when they are
/// valid UTF-8, else as Windows-1252, and the caller is told it was a guess.
enum CharsetText {
    static func decode(_ bytes: [UInt8], charset: String?) -> (text: String, guessed: Bool) {
        let name = charset?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if name.isEmpty || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii" {
            if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
            return (windows1252(bytes), true)
        }
        if let text = iconv(bytes, from: name) { return (text, false) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
        return (windows1252(bytes), true)
    }

    /// handoff_gmime_to_utf8 returns a g_malloc'd string, or NULL when iconv refuses.
    static func iconv(_ bytes: [UInt8], from charset: String) -> String? {
        if bytes.isEmpty { return "" }
        let converted = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { handoff_gmime_to_utf8(charset, $0.baseAddress, $0.count) }
        }
        guard let converted else { return nil }
        defer { g_free(converted) }
        return String(validatingCString: converted)
    }

    /// Windows-1252 by iconv, and Latin-1 for the five bytes it leaves undefined: never fails.
    static func windows1252(_ bytes: [UInt8]) -> String {
        if let text = iconv(bytes, from: "windows-1252") { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
