#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGMime
import HandoffCore

/// g_mime_init, once per process: Swift runs a global's initialiser exactly once, even when
/// several threads reach it together.
private let gmimeInitialised: Bool = {
    g_mime_init()
    return true
}()

/// One mail file parsed by GMime: owns the stream, the parser, the parser options and the
/// message, and releases them in `deinit`.
///
/// The parser keeps part bodies on disk (persist_stream): each part is a window on the
/// file, read when asked for. Nothing here re-serialises the mail (GMime 3.2.13 can loop
/// forever re-encoding parameters), so only read-only accessors are called on it.
final class GMimeDocument {
    let options: OpaquePointer
    let defects: DefectCollector
    private let stream: UnsafeMutablePointer<GMimeStream>
    private let parser: UnsafeMutablePointer<GMimeParser>
    /// nil when GMime found no message at all (an empty file, binary garbage).
    let message: UnsafeMutablePointer<GMimeMessage>?

    /// Opens and parses `file`. Throws only when the file cannot be opened.
    init(file: String, defects: DefectCollector) throws(HandoffError) {
        _ = gmimeInitialised
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .unavailable("Cannot read the mail file \(file): \(FileSystem.errnoText()).")
        }
        // g_mime_stream_fs_new owns the descriptor from here: it closes it when released.
        // The constructors return NULL only when memory runs out.
        guard let stream = g_mime_stream_fs_new(fd) else {
            _ = close(fd)
            throw .internal("GMime could not open a stream on the mail file \(file).")
        }
        guard let options = g_mime_parser_options_new(), let parser = g_mime_parser_new_with_stream(stream) else {
            g_object_unref(stream)
            throw .internal("GMime could not create a parser for the mail file \(file).")
        }
        // Raw 8-bit header bytes: UTF-8 when they are valid UTF-8, else Windows-1252.
        let charsets = [strdup("UTF-8"), strdup("windows-1252")]
        var list: [UnsafePointer<CChar>?] = charsets.map { $0.map { UnsafePointer($0) } } + [nil]
        list.withUnsafeMutableBufferPointer { g_mime_parser_options_set_fallback_charsets(options, $0.baseAddress) }
        charsets.forEach { free($0) }
        g_mime_parser_options_set_warning_callback(options, { offset, code, item, context in
            guard let context else { return }
            let collector = Unmanaged<DefectCollector>.fromOpaque(context).takeUnretainedValue()
            collector.parserWarning(offset: Int64(offset), code: code, item: item.map { String(cString: $0) })
        }, Unmanaged.passUnretained(defects).toOpaque())
        g_mime_parser_set_persist_stream(parser, 1)
        self.stream = stream
        self.options = options
        self.parser = parser
        self.defects = defects
        message = g_mime_parser_construct_message(parser, options)
    }

    deinit {
        if let message { g_object_unref(message) }
        g_object_unref(parser)
        g_object_unref(stream)
        g_mime_parser_options_free(options)
    }
}

@available(*, unavailable)
extension GMimeDocument: Sendable {}
