import Foundation
import HandoffCore

/// A buffer on loan from a `ChunkPipe`, handed from one thread to another.
/// Exactly one side owns it at a time; the consumer gives it back with `recycle`.
struct Chunk {
    let buffer: UnsafeMutableRawBufferPointer
    let count: Int

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[..<count]) }
}

/// An event that may carry a chunk, so a cancelled pipe can take its buffer back.
protocol ChunkCarrying {
    var chunk: Chunk? { get }
}

/// Moves bytes between two threads through a fixed set of buffers.
///
/// Memory stays flat: the producer can only run ahead by `bufferCount` chunks, whatever
/// the sizes involved. Buffers are allocated when first needed and reused most recent
/// first, so a small file (the usual deliverable) costs one or two chunks, not all of them:
/// with several packages made at once, that is the difference in peak memory. Either side can cancel, or fail (which records the error and
/// cancels); a cancelled pipe wakes everybody and refuses new work. One side is a worker
/// thread of our own: it says when it has returned (`markWorkerDone`) and the other side
/// waits for that (`waitForWorker`) before anything is freed, so no thread outlives a call.
///
/// `@unchecked Sendable`: every mutable field is touched only while holding `condition`,
/// and buffer ownership passes through the queues under that same lock.
final class ChunkPipe<Event: ChunkCarrying>: @unchecked Sendable {
    private let condition = NSCondition()
    private var freeBuffers: [UnsafeMutableRawBufferPointer] = []
    private var allBuffers: [UnsafeMutableRawBufferPointer] = []
    private let chunkSize: Int
    private let bufferCount: Int
    private var events: [Event] = []
    private var nextEvent = 0
    private var cancelled = false
    private var workerDone = false
    private var error: HandoffError?

    init(chunkSize: Int, bufferCount: Int) {
        self.chunkSize = chunkSize
        self.bufferCount = max(1, bufferCount)
    }

    deinit {
        for buffer in allBuffers { buffer.deallocate() }
    }

    // MARK: producing side

    /// A free buffer (a new one while fewer than `bufferCount` exist), else waits for the
    /// consumer to give one back; nil once cancelled.
    func takeBuffer() -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        if freeBuffers.isEmpty, allBuffers.count < bufferCount, !cancelled {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
            allBuffers.append(buffer)
            return buffer
        }
        while freeBuffers.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : freeBuffers.removeLast()
    }

    /// Queues an event; false once cancelled (the producer should stop).
    @discardableResult
    func post(_ event: Event) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled else {
            if let chunk = event.chunk { freeBuffers.append(chunk.buffer) }
            return false
        }
        events.append(event)
        condition.broadcast()
        return true
    }

    // MARK: consuming side

    /// The next event, waiting for one; nil once cancelled, or once the worker has
    /// returned with nothing left queued.
    func next() -> Event? {
        condition.lock()
        defer { condition.unlock() }
        while nextEvent == events.count {
            if workerDone || cancelled { return nil }
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

    // MARK: either side

    /// Stops both sides at their next step.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Records the first failure and cancels.
    func fail(_ failure: HandoffError) {
        condition.lock()
        if error == nil { error = failure }
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    var failure: HandoffError? {
        condition.lock()
        defer { condition.unlock() }
        return error
    }

    func markWorkerDone() {
        condition.lock()
        workerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the worker thread has returned.
    func waitForWorker() {
        condition.lock()
        while !workerDone { condition.wait() }
        condition.unlock()
    }
}
