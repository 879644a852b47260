import Crypto
import Foundation
import HandoffCore

/// The archive being written: a temporary file next to the final path, renamed into place
/// only when complete, or standard output (`-o -`), which is written as the bytes come.
///
/// The bytes libarchive produces are copied into a few fixed buffers and written, hashed
/// (SHA-256) and, when asked, flushed to disk by a thread of its own, so the compressing
/// thread never waits on a system call or the hash. Hashing on the way out reads nothing
/// twice; measured against hashing the finished file afterwards, it is the faster.
///
/// Until `commit` succeeds the final path is never touched, and `discard` (or `deinit`)
/// removes the temporary file, so an error or a crash never leaves a half-written archive
/// where a caller would take it for a finished one.
final class OutputFile {
    /// libarchive hands over bytes in blocks of this size (the last one shorter).
    static let blockSize = 1 << 20
    static let buffersInFlight = 4
    /// When syncing, the writing thread starts writeback every this many bytes, so the
    /// disk works while we compress and the final fsync finds little left to do.
    static let flushInterval: Int64 = 8 << 20

    /// Where the archive ends up, as shown in messages (`standard output` for `-o -`).
    let finalPath: String
    /// Nil when writing to standard output: there is nothing to rename or remove.
    let temporaryPath: String?
    /// Whether `commit` may replace a regular file already at `finalPath`.
    private let replacesExistingFile: Bool
    /// The temporary file, renamed into place by `commit`; nil for standard output.
    private let file: AtomicFile?
    private let descriptor: Int32
    private let syncToDisk: Bool
    private let pipe = ChunkPipe<OutputEvent>(chunkSize: OutputFile.blockSize, bufferCount: OutputFile.buffersInFlight)
    private let progress = WriteProgress()
    private var isClosed = false

    /// Creates `.<name>.<random>.partial` in `finalPath`'s folder (same file system, so the
    /// final rename is atomic) and starts the writing thread. The mode is 0666 less the
    /// umask, as any tool would create it.
    init(finalPath: String, syncToDisk: Bool, replacesExistingFile: Bool) throws(HandoffError) {
        self.finalPath = finalPath
        self.syncToDisk = syncToDisk
        self.replacesExistingFile = replacesExistingFile
        let file: AtomicFile
        do {
            file = try AtomicFile(finalPath: finalPath, mode: 0o666, suffix: "partial")
        } catch {
            guard error.code != EEXIST else { throw .internal("Could not find a free temporary name next to '\(finalPath)'.") }
            throw .badInput("Cannot create the archive in '\(error.path)': \(error.reason). Choose an output folder you can write to.")
        }
        self.file = file
        descriptor = file.descriptor
        temporaryPath = file.temporaryPath
        startWriting(shownAs: file.temporaryPath)
    }

    /// Writes the archive to standard output as it is made. A pipe cannot be synced or
    /// renamed, so a failure halfway leaves the reader with a truncated stream: the exit
    /// status is what tells it so.
    static func standardOutput() -> OutputFile {
        OutputFile(streamingTo: STDOUT_FILENO, shownAs: "standard output")
    }

    private init(streamingTo descriptor: Int32, shownAs name: String) {
        finalPath = name
        temporaryPath = nil
        syncToDisk = false
        replacesExistingFile = false
        file = nil
        self.descriptor = descriptor
        startWriting(shownAs: finalPath)
    }

    private func startWriting(shownAs path: String) {
        let (pipe, progress, descriptor, flushing) = (pipe, progress, descriptor, syncToDisk)
        let thread = Thread {
            Self.drain(pipe, into: descriptor, path: path, progress: progress, flushing: flushing)
            pipe.markWorkerDone()
        }
        thread.name = "handoff.package.output"
        thread.start()
    }

    deinit { discard() }

    /// Called by libarchive's write callback: queues a copy of everything, or returns -1
    /// once writing has failed (the error is in `writeError`).
    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard !isClosed else { return -1 }
        var offset = 0
        while offset < bytes.count {
            guard let buffer = pipe.takeBuffer() else { return -1 }
            let count = min(buffer.count, bytes.count - offset)
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
            guard pipe.post(.data(Chunk(buffer: buffer, count: count))) else { return -1 }
            offset += count
        }
        return bytes.count
    }

    /// The first write failure, for the error message: libarchive only learns that the
    /// callback returned -1.
    var writeError: HandoffError? { pipe.failure }

    /// Waits for every byte to be written, flushes to disk when asked, closes, and renames
    /// the temporary file to `finalPath`. Returns the archive's size and lower-case hex
    /// SHA-256. On failure the temporary file is gone too.
    func commit() throws(HandoffError) -> (size: Int64, sha256: String) {
        guard !isClosed else { throw .internal("The archive '\(finalPath)' was already closed.") }
        pipe.post(.end)
        pipe.waitForWorker()
        if let error = pipe.failure {
            discard()
            throw error
        }
        isClosed = true
        guard let file else {
            return (progress.bytes, Hex.string(progress.hasher.finalize()))
        }
        do {
            try file.commit(sync: syncToDisk, replacingFile: replacesExistingFile)
        } catch {
            throw Self.worded(error, finalPath: finalPath, replacingFile: replacesExistingFile)
        }
        return (progress.bytes, Hex.string(progress.hasher.finalize()))
    }

    /// The archive's wording of a failed commit.
    private static func worded(_ error: AtomicFileError, finalPath: String, replacingFile: Bool) -> HandoffError {
        switch error.step {
        case .sync: return .temporary("Flushing the archive '\(error.path)' to disk failed: \(error.reason).")
        case .close: return .temporary("Closing the archive '\(error.path)' failed: \(error.reason).")
        case .notRegularFile, .exists:
            // Something appeared at the path while the archive was being made: the same
            // refusal, in the same words, as the check made before starting.
            do throws(HandoffError) {
                try OutputLocation.checkTarget(finalPath, replacingFile: replacingFile)
            } catch {
                return error
            }
            return .badInput("Cannot put the archive at '\(finalPath)': it appeared while the archive was being made.")
        default: return .badInput("Cannot put the archive at '\(finalPath)': \(error.reason).")
        }
    }

    /// Stops the writing thread, closes and deletes the temporary file; safe to call more
    /// than once and after `commit` (the renamed file is left alone).
    func discard() {
        guard !isClosed else { return }
        isClosed = true
        pipe.cancel()
        pipe.waitForWorker()
        // Standard output belongs to the process, not to this archive: `file` is nil then.
        file?.discard()
    }

    /// The writing thread: writes and hashes chunks until `.end`, a failure or a cancel.
    ///
    /// When the archive must reach the disk, each stretch of `flushInterval` bytes is handed
    /// to the kernel for writeback as soon as it is written (`POSIX_FADV_DONTNEED` starts
    /// writeback without waiting for it; pages still dirty stay cached). The disk then
    /// works while we compress, and the final fsync waits only for the last stretch.
    /// Waiting with fdatasync here instead stalls the whole pipeline at every stretch.
    private static func drain(_ pipe: ChunkPipe<OutputEvent>, into descriptor: Int32, path: String, progress: WriteProgress, flushing: Bool) {
        var handedOver: Int64 = 0
        while let event = pipe.next() {
            guard case .data(let chunk) = event else { return }
            defer { pipe.recycle(chunk) }
            if let code = AtomicFile.writeAll(chunk.bytes, to: descriptor) {
                // ENOSPC and EDQUOT go away when space is freed: worth retrying later.
                let kind: HandoffError.Kind = (code == ENOSPC || code == EDQUOT) ? .temporary : .internal
                pipe.fail(HandoffError(kind, "Writing the archive '\(path)' failed: \(FileSystem.errnoText(code))."))
                return
            }
            progress.hasher.update(bufferPointer: chunk.bytes)
            progress.bytes += Int64(chunk.count)
            if flushing, progress.bytes - handedOver >= flushInterval {
                // Advice only: if the kernel ignores it, the final fsync does the work.
                _ = posix_fadvise(descriptor, off_t(handedOver), off_t(progress.bytes - handedOver), POSIX_FADV_DONTNEED)
                handedOver = progress.bytes
            }
        }
    }
}

@available(*, unavailable) extension OutputFile: Sendable {}

/// What flows to the writing thread.
enum OutputEvent: ChunkCarrying {
    case data(Chunk)
    /// No more data: the thread returns once everything before is written.
    case end

    var chunk: Chunk? {
        if case .data(let chunk) = self { return chunk }
        return nil
    }
}

/// The writing thread's running totals. `@unchecked Sendable`: only that thread touches
/// them until it has returned, and they are read after `waitForWorker`, whose lock orders
/// the two.
private final class WriteProgress: @unchecked Sendable {
    var hasher = SHA256()
    var bytes: Int64 = 0
}
