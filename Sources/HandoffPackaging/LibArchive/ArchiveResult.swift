import CArchive
import HandoffCore

/// The one place libarchive return codes become `HandoffError`s.
///
/// libarchive keeps the detail of its last failure in `archive_error_string`, which may be
/// NULL (an unknown option, for one), so the message says so rather than printing nothing.
enum ArchiveResult {
    /// Throws unless `code` is `ARCHIVE_OK`.
    ///
    /// On the write side a warning is a failure too: libarchive warns, for instance, when it
    /// could not translate a name, and a mangled name must never reach a client's archive.
    /// The read side may accept warnings (an unknown extra field in somebody else's zip).
    static func check(
        _ code: Int32, _ archive: OpaquePointer, _ operation: @autoclosure () -> String,
        kind: HandoffError.Kind = .internal, acceptWarnings: Bool = false
    ) throws(HandoffError) {
        if code == ARCHIVE_OK || (acceptWarnings && code == ARCHIVE_WARN) { return }
        throw error(archive, operation(), kind: kind)
    }

    /// The error for a failed call, with libarchive's message attached.
    static func error(_ archive: OpaquePointer, _ operation: String, kind: HandoffError.Kind = .internal) -> HandoffError {
        HandoffError(kind, "\(operation) failed: \(message(archive)).")
    }

    static func message(_ archive: OpaquePointer) -> String {
        guard let text = archive_error_string(archive) else { return "libarchive gave no detail" }
        let message = String(cString: text)
        return message.isEmpty ? "libarchive gave no detail" : message
    }
}
