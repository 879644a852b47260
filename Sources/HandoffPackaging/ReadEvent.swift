import HandoffCore

/// What the reading thread tells the archive writer, in file order.
enum ReadEvent: ChunkCarrying {
    /// The next file is open; `size` is what fstat says now, the size its header declares.
    case opened(size: Int64)
    /// The next bytes of the current file, in a buffer borrowed from the pipe.
    case data(Chunk)
    /// The current file was read to its end; its SHA-256 in lower-case hex.
    case finished(sha256: String)
    /// Reading stopped; nothing more follows.
    case failed(HandoffError)

    var chunk: Chunk? {
        if case .data(let chunk) = self { return chunk }
        return nil
    }
}
