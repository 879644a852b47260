import CArchive

/// Owns one `archive_entry` (`archive_entry_new`), cleared and reused for every header so
/// a package of many small files does not allocate one per file.
final class ArchiveEntryHandle {
    let pointer: OpaquePointer

    init() {
        // archive_entry_new only fails when malloc does; there is no way on from there.
        guard let pointer = archive_entry_new() else { fatalError("archive_entry_new: out of memory") }
        self.pointer = pointer
    }

    deinit { archive_entry_free(pointer) }

    /// Fills the entry for `header`, forgetting whatever the previous header set.
    ///
    /// Names go in through `archive_entry_set_pathname_utf8`: the bytes are ours, UTF-8,
    /// and must not be reinterpreted through the process locale. Nothing identifies the
    /// machine or the user: uid and gid are 0 and no user or group names are set.
    func load(_ header: EntryHeader) {
        archive_entry_clear(pointer)
        archive_entry_set_pathname_utf8(pointer, header.path)
        switch header.kind {
        case .file(let size):
            archive_entry_set_filetype(pointer, UInt32(handoff_archive_type_regular()))
            archive_entry_set_size(pointer, size)
        case .directory:
            archive_entry_set_filetype(pointer, UInt32(handoff_archive_type_directory()))
            archive_entry_set_size(pointer, 0)
        }
        archive_entry_set_perm(pointer, header.permissions)
        archive_entry_set_uid(pointer, 0)
        archive_entry_set_gid(pointer, 0)
        archive_entry_set_mtime(pointer, time_t(header.modificationTime), 0)
    }
}

@available(*, unavailable) extension ArchiveEntryHandle: Sendable {}
