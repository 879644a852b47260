import HandoffCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libarchive work with a UTF-8 `LC_CTYPE` on the calling thread only.
///
/// libarchive converts names through the locale even when they are handed over as UTF-8.
/// Under the C locale it cannot, and the results range from `?` in names to a crash (the
/// pax writer with a non-ASCII name). `uselocale` changes only this thread and is undone on
/// the way out, so callers need no `setlocale` in `main` and nothing else in the process
/// sees a change.
enum UTF8Locale {
    /// Made once and never freed: a locale object is immutable once built, and glibc lets
    /// any number of threads use the same one.
    nonisolated(unsafe) private static let locale: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) { return locale }
        }
        return nil
    }()

    static func run<T>(_ body: () throws(HandoffError) -> T) throws(HandoffError) -> T {
        guard let locale else {
            throw .unavailable("No UTF-8 locale is installed (C.UTF-8 or en_US.UTF-8), so file names cannot be written safely. Install one (Debian: the 'locales' package) and try again.")
        }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return try body()
    }
}
