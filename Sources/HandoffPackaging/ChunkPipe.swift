import Foundation
import HandoffCore

/// What the reading thread tells the archive writer, in file order.
enum ReadEvent {
    /// The next file is open; `size` is what fstat says now, the size its header declares.
    case opened(size: Int64)
    /// The next bytes of the current file, in a buffer borrowed from the pipe.
    case data(Chunk)
    /// The current file was read to its end; its SHA-256 in lower-case hex.
    case finished(sha256: String)
    /// Reading stopped; nothing more follows.
    case failed(HandoffError)
}

/// A buffer on loan from `ChunkPipe`, handed from the reading thread to the writer.
/// Exactly one side owns it at a time; the writer gives it back with `recycle`.
struct Chunk {
    let buffer: UnsafeMutableRawBufferPointer
    let count: Int

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[..<count]) }
}

/// Moves file bytes from the reading thread to the writer through a fixed set of buffers.
///
/// Memory stays flat: the reader can only run ahead by `bufferCount` chunks, whatever the
/// file sizes. Either side can cancel; a cancelled pipe wakes everybody and refuses new
/// work, and the buffers are freed only when the pipe itself goes away, after the reading
/// thread has said it is done (`markReaderDone`, awaited by `waitForReader`).
///
/// `@unchecked Sendable`: every mutable field is touched only while holding `condition`,
/// and buffer ownership passes through the queues under that same lock.
final class ChunkPipe: @unchecked Sendable {
    let chunkSize: Int
    private let condition = NSCondition()
    private var freeBuffers: [UnsafeMutableRawBufferPointer]
    private var allBuffers: [UnsafeMutableRawBufferPointer]
    private var events: [ReadEvent] = []
    private var nextEvent = 0
    private var cancelled = false
    private var readerDone = false

    init(chunkSize: Int, bufferCount: Int) {
        self.chunkSize = chunkSize
        allBuffers = (0..<bufferCount).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        }
        freeBuffers = allBuffers
    }

    deinit {
        for buffer in allBuffers { buffer.deallocate() }
    }

    // MARK: reading side

    /// A free buffer, waiting for the writer to give one back; nil once cancelled.
    func takeBuffer() -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        while freeBuffers.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : freeBuffers.removeLast()
    }

    /// Queues an event for the writer; false once cancelled (the reader should stop).
    @discardableResult
    func post(_ event: ReadEvent) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled else {
            if case .data(let chunk) = event { freeBuffers.append(chunk.buffer) }
            return false
        }
        events.append(event)
        condition.broadcast()
        return true
    }

    func markReaderDone() {
        condition.lock()
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: writing side

    /// The next event, waiting for the reader if needed.
    func next() -> ReadEvent {
        condition.lock()
        defer { condition.unlock() }
        while nextEvent == events.count {
            if readerDone || cancelled {
                return .failed(.internal("The file reader stopped without saying why."))
            }
            condition.wait()
        }
        let event = events[nextEvent]
        nextEvent += 1
        // Drop consumed events now and then so the queue does not grow with the file count.
        if nextEvent > 1024 {
            events.removeFirst(nextEvent)
            nextEvent = 0
        }
        return event
    }

    func recycle(_ chunk: Chunk) {
        condition.lock()
        freeBuffers.append(chunk.buffer)
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the reader at its next step.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the reading thread has returned, so no thread outlives a package call.
    func waitForReader() {
        condition.lock()
        while !readerDone { condition.wait() }
        condition.unlock()
    }
}
