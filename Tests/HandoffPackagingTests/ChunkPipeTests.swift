import Foundation
import HandoffCore
@testable import HandoffPackaging
import Testing

/// A minimal event for exercising the pipe on its own.
private enum Item: ChunkCarrying {
    case bytes(Chunk)
    case mark(Int)

    var chunk: Chunk? {
        if case .bytes(let chunk) = self { return chunk }
        return nil
    }
}

@Suite("The buffer pipe between threads")
struct ChunkPipeTests {
    @Test("Events arrive in order, and buffers come back for reuse")
    func order() throws {
        let pipe = ChunkPipe<Item>(chunkSize: 16, bufferCount: 2)
        let first = try #require(pipe.takeBuffer())
        first.storeBytes(of: 7, as: UInt8.self)
        #expect(pipe.post(.bytes(Chunk(buffer: first, count: 1))))
        #expect(pipe.post(.mark(2)))
        guard case .bytes(let chunk) = pipe.next() else { Issue.record("expected bytes first"); return }
        #expect(Array(chunk.bytes) == [7])
        pipe.recycle(chunk)
        guard case .mark(let value) = pipe.next() else { Issue.record("expected the mark second"); return }
        #expect(value == 2)
        // Both buffers are free again.
        #expect(pipe.takeBuffer() != nil)
        #expect(pipe.takeBuffer() != nil)
    }

    @Test("Cancelling wakes a producer waiting for a buffer, and the worker can be joined")
    func cancelWakesProducer() throws {
        let pipe = ChunkPipe<Item>(chunkSize: 16, bufferCount: 1)
        _ = try #require(pipe.takeBuffer())
        let gotBuffer = ResultFlag()
        let thread = Thread {
            // No buffer is free: this waits until the pipe is cancelled.
            gotBuffer.value = pipe.takeBuffer() != nil
            pipe.markWorkerDone()
        }
        thread.start()
        pipe.fail(.temporary("disk full"))
        pipe.waitForWorker()
        #expect(gotBuffer.value == false)
        #expect(pipe.failure == .temporary("disk full"))
        #expect(pipe.post(.mark(1)) == false)
        #expect(pipe.next() == nil)
    }

    @Test("A consumer sees the end once the worker is done and the queue is empty")
    func drainsThenEnds() {
        let pipe = ChunkPipe<Item>(chunkSize: 16, bufferCount: 1)
        pipe.post(.mark(1))
        pipe.markWorkerDone()
        guard case .mark(1) = pipe.next() else { Issue.record("the queued event comes first"); return }
        #expect(pipe.next() == nil)
    }
}

/// Written by the worker before `markWorkerDone`, read after `waitForWorker`.
private final class ResultFlag: @unchecked Sendable {
    var value: Bool?
}
