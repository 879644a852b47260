/// What goes into one archive header, in plain Swift values.
struct EntryHeader: Equatable {
    enum Kind: Equatable {
        case file(size: Int64)
        case directory
    }

    /// The full path inside the archive, UTF-8, `/`-separated; directories end with `/`.
    var path: String
    var kind: Kind
    /// 0644 or 0755: the packager normalises permissions so the same folder gives the
    /// same bytes whoever owns it.
    var permissions: UInt32
    /// Seconds since 1970 (whole seconds: zip keeps no finer).
    var modificationTime: Int64
}
