/// The parts of a Maildir file name, `UNIQUE:2,FLAGS` (the Maildir spec and its `info`
/// convention): the unique part is the message's key, the flags are single letters, sorted.
struct MaildirName: Equatable {
    var unique: String
    /// The `2,` flags, or nil when the name has no info part.
    var flags: String?

    init(_ fileName: String) {
        if let colon = fileName.firstIndex(of: ":") {
            unique = String(fileName[..<colon])
            let info = fileName[fileName.index(after: colon)...]
            flags = info.hasPrefix("2,") ? String(info.dropFirst(2)) : nil
        } else {
            unique = fileName
            flags = nil
        }
    }

    /// Files a reader skips: dot files (editors' and MDAs' temporaries).
    static func isMessage(_ fileName: String) -> Bool {
        !fileName.hasPrefix(".") && !fileName.isEmpty
    }

    /// The name in cur/ once the message is seen: `S` added to the flags, kept sorted (the
    /// spec's rule, so other readers find the flags where they expect them). Flags of an
    /// experimental info (not `2,`) are left alone: the name gets `S` only if it had none.
    static func seen(_ fileName: String) -> String {
        let name = MaildirName(fileName)
        guard fileName.contains(":") else { return fileName + ":2,S" }
        guard let flags = name.flags else { return fileName }
        if flags.contains("S") { return fileName }
        return name.unique + ":2," + String((flags + "S").sorted())
    }
}
