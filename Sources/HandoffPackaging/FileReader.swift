import Crypto
import Foundation
import HandoffCore

/// Reads the package's files, in order, on a thread of its own, hashing each one as it
/// goes, while the calling thread compresses.
///
/// On a machine with two cores this takes reading and SHA-256 off the path of deflate
/// and zstd, which are the slow part. Each file is read exactly to the size that its
/// header will declare: a file that grows or shrinks meanwhile is an error, not a silently
/// short or truncated entry. So is a file rewritten with the same size, seen by its
/// stamp (`FileStamp`): the one taken when the folder was walked must still hold when the
/// file is opened, and again once it has been read to the end.
enum FileReader {
    /// One file to read, and the stamp it must still have (nil: whatever it is now).
    struct Source: Equatable {
        var path: String
        var stamp: FileStamp?
    }

    /// Starts the reading thread. The caller must eventually call `pipe.waitForWorker()`.
    static func start(files: [Source], pipe: ChunkPipe<ReadEvent>) {
        let thread = Thread {
            readAll(files, pipe: pipe)
            pipe.markWorkerDone()
        }
        thread.name = "handoff.package.reader"
        thread.start()
    }

    private static func readAll(_ files: [Source], pipe: ChunkPipe<ReadEvent>) {
        for file in files {
            guard readFile(file.path, expecting: file.stamp, pipe: pipe) else { return }
        }
    }

    /// Streams one file into the pipe; false when reading must stop (failure or cancel).
    private static func readFile(_ path: String, expecting scanned: FileStamp?, pipe: ChunkPipe<ReadEvent>) -> Bool {
        // O_NONBLOCK: should the file have been swapped for a FIFO since the scan, open must
        // not wait for a writer; fstat below then refuses it. Regular files ignore the flag.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            pipe.post(.failed(.badInput("Cannot read '\(path)': \(FileSystem.errnoText()). Make it readable or move it out of the folder, then try again.")))
            return false
        }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, scanned.map({ $0 == FileStamp(info) }) ?? true else {
            pipe.post(.failed(changed(path)))
            return false
        }
        let opened = FileStamp(info)
        // The kernel reads ahead further when told the file is read start to end.
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        guard pipe.post(.opened(size: Int64(info.st_size))) else { return false }

        var hasher = SHA256()
        var remaining = Int64(info.st_size)
        while remaining > 0 {
            guard let buffer = pipe.takeBuffer() else { return false }
            let wanted = Int(min(Int64(buffer.count), remaining))
            let count = readFully(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]))
            guard count == wanted else {
                let error = count < 0 ? readError(path) : changed(path)
                pipe.recycle(Chunk(buffer: buffer, count: 0))
                pipe.post(.failed(error))
                return false
            }
            let chunk = Chunk(buffer: buffer, count: count)
            hasher.update(bufferPointer: chunk.bytes)
            guard pipe.post(.data(chunk)) else { return false }
            remaining -= Int64(count)
        }
        // One byte more means the file grew after fstat: its header would be wrong.
        var probe: UInt8 = 0
        let extra = read(fd, &probe, 1)
        guard extra == 0 else {
            pipe.post(.failed(extra < 0 ? readError(path) : changed(path)))
            return false
        }
        // Same size, bytes rewritten while we read: only the times tell.
        guard fstat(fd, &info) == 0, FileStamp(info) == opened else {
            pipe.post(.failed(changed(path)))
            return false
        }
        return pipe.post(.finished(sha256: Hex.string(hasher.finalize())))
    }

    /// read(2) until `buffer` is full or the file ends; the count read, or -1 on error.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var total = 0
        while total < buffer.count {
            let count = read(fd, buffer.baseAddress! + total, buffer.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    private static func changed(_ path: String) -> HandoffError {
        .temporary("'\(path)' changed while it was being packaged. Wait until it is completely saved, then try again.")
    }

    private static func readError(_ path: String) -> HandoffError {
        .badInput("Reading '\(path)' failed: \(FileSystem.errnoText()).")
    }
}
