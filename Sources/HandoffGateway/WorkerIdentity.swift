import HandoffCore
import HandoffStore
import HandoffConfig
import Foundation

/// Who holds a job's lease: `host:pid:nonce`. The host and pid let a worker on the same
/// machine notice at once that the holder died (no need to wait out the lease); the nonce
/// tells apart two processes that reused a pid.
public struct WorkerIdentity: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let pid: Int32
    public let nonce: String

    public static func current(index: Int = 0) -> WorkerIdentity {
        var generator = SystemRandomNumberGenerator()
        let nonce = String((0..<6).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement(using: &generator)! })
        return WorkerIdentity(host: ProcessInfo.processInfo.hostName, pid: getpid(), nonce: "\(nonce)\(index)")
    }

    public var description: String { "\(host):\(pid):\(nonce)" }

    /// Parses a lease owner string; nil if it is not in our format.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[1]) else { return nil }
        host = String(parts[0])
        self.pid = pid
        nonce = String(parts[2])
    }

    init(host: String, pid: Int32, nonce: String) {
        self.host = host
        self.pid = pid
        self.nonce = nonce
    }

    /// True when the owner ran on this machine and its process is gone.
    public var isDeadLocalProcess: Bool {
        guard host == ProcessInfo.processInfo.hostName, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
