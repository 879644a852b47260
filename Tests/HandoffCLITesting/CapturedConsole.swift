import Foundation
import HandoffCLI
import Logging
import Synchronization

/// What a command wrote on its two streams, gathered from whichever thread wrote it.
final class CapturedStreams: Sendable {
    private let streams = Mutex((output: Data(), error: Data()))

    func append(_ bytes: Data, to stream: ConsoleStream) {
        streams.withLock { streams in
            switch stream {
            case .output: streams.output.append(bytes)
            case .error: streams.error.append(bytes)
            }
        }
    }

    var output: String { streams.withLock { String(decoding: $0.output, as: UTF8.self) } }
    var error: String { streams.withLock { String(decoding: $0.error, as: UTF8.self) } }
}

/// Log lines on the captured standard error, where the executable's stream handler puts them.
struct CapturedLogHandler: LogHandler {
    let label: String
    let streams: CapturedStreams
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { _, new in new }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        streams.append(Data("\(event.level) \(label): \(fields.isEmpty ? "" : fields + " ")\(event.message)\n".utf8), to: .error)
    }
}
