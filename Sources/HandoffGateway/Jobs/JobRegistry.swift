import HandoffCore
import HandoffStore

/// The job handlers a gateway runs, by the kind of job each one runs.
public struct JobRegistry: Sendable {
    private var handlers: [JobKind: any JobHandler] = [:]

    /// A registry of `handlers`; of two for the same kind, the later one is kept.
    public init(_ handlers: [any JobHandler] = []) {
        for handler in handlers { register(handler) }
    }

    /// Every kind of job Handoff queues, each with its handler.
    public static let standard = JobRegistry([DeliverJobHandler(), ReceiptJobHandler(), AcknowledgeJobHandler()])

    /// Adds `handler`, replacing the one registered for its kind before, if any.
    public mutating func register(_ handler: any JobHandler) {
        handlers[handler.kind] = handler
    }

    /// The kinds of job this registry runs: the only ones the workers claim.
    public var kinds: Set<JobKind> { Set(handlers.keys) }

    /// The handler for `kind`, or an error naming the kind. The workers claim only `kinds`,
    /// so this fails only for a job handed over by some other way; the worker then fails it
    /// for good (no later attempt of this gateway would find a handler either).
    public func handler(for kind: JobKind) throws(UnregisteredJobKind) -> any JobHandler {
        guard let handler = handlers[kind] else { throw UnregisteredJobKind(kind: kind, registered: Array(handlers.keys)) }
        return handler
    }
}

/// A job whose kind no handler is registered for.
public struct UnregisteredJobKind: Error, Sendable, Equatable {
    public var kind: JobKind
    public var registered: [JobKind]

    public var message: String {
        let known = registered.map(\.rawValue).sorted().joined(separator: ", ")
        return "No handler runs jobs of kind '\(kind.rawValue)' in this gateway (it runs: \(known.isEmpty ? "none" : known)). The job was failed; cancel it, or run it with a version of Handoff that knows this kind."
    }
}
