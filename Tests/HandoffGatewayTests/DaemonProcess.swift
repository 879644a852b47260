import Foundation
import HandoffCLITesting
import HandoffCore

/// A `handoff run` daemon started for a test, its log (standard error) collected as it
/// comes, so a test can wait for a line, signal it, and wait for its exit, each with a
/// deadline. The waits block: call them from a thread of their own (`onOwnThread`).
///
/// `@unchecked Sendable`: the log and the exit status are read and written only while
/// holding `condition`.
final class DaemonProcess: @unchecked Sendable {
    private let process = Process()
    private let condition = NSCondition()
    private var log = ""
    private var logClosed = false
    private var exit: Exit?

    struct Exit: Equatable {
        var reason: Process.TerminationReason
        var status: Int32
    }

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try handoffExecutable())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "HANDOFF_CONFIG")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        errors.fileHandleForReading.readabilityHandler = { [condition, weak self] handle in
            let data = handle.availableData
            condition.lock()
            if data.isEmpty {
                handle.readabilityHandler = nil
                self?.logClosed = true
            } else {
                self?.log += String(decoding: data, as: UTF8.self)
            }
            condition.broadcast()
            condition.unlock()
        }
        process.terminationHandler = { [condition, weak self] process in
            condition.lock()
            self?.exit = Exit(reason: process.terminationReason, status: process.terminationStatus)
            condition.broadcast()
            condition.unlock()
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// What it has logged so far.
    var logText: String {
        condition.lock()
        defer { condition.unlock() }
        return log
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits until the log contains `text`; fails, with the log, if the process exits or the
    /// deadline passes first.
    func waitForLog(_ text: String, within seconds: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !log.contains(text) {
            if exit != nil || !condition.wait(until: deadline) {
                throw HandoffError.internal("handoff run did not log '\(text)' (exit: \(exit.map { "\($0)" } ?? "none yet")); its log:\n\(log)")
            }
        }
    }

    /// Waits for the exit and the end of its log; kills the process and fails at the deadline.
    func waitForExit(within seconds: TimeInterval) throws -> Exit {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while exit == nil || !logClosed {
            if !condition.wait(until: deadline) {
                kill(process.processIdentifier, SIGKILL)
                throw HandoffError.internal("handoff run did not exit within \(Int(seconds)) s; its log:\n\(log)")
            }
        }
        return exit ?? Exit(reason: .uncaughtSignal, status: -1)
    }
}
