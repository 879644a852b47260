#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import HandoffCore
import Logging
import Testing
@testable import HandoffMail

/// How an IMAP inbox fails before any IMAP is spoken, without a mail server: a port where
/// nothing listens, and one that accepts the connection but never greets.
@Suite("IMAP inbox connection failures")
struct InboxConnectionFailureTests {
    /// A TCP socket on 127.0.0.1 bound to a free port; listening (connections wait in the
    /// backlog, never answered) or not (connections are refused).
    final class LocalPort {
        let descriptor: Int32
        let port: Int

        init(listening: Bool) throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            descriptor = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            try #require(bound)
            port = Int(UInt16(bigEndian: address.sin_port))
            if listening { try #require(listen(fd, 8) == 0) }
        }

        deinit {
            close(descriptor)
        }
    }

    func account(port: Int, timeout: Int) -> IMAPAccount {
        IMAPAccount(
            host: "127.0.0.1", port: port, tls: .implicitTLS, mailbox: "INBOX",
            login: .password(username: "va@va.test", password: Secret("not-shown-anywhere", source: "test")), timeoutSeconds: timeout)
    }

    @Test("nothing listening: .unavailable, naming the account and the port")
    func refused() async throws {
        let port = try LocalPort(listening: false)
        do {
            _ = try await IMAPInboxSource(name: "work", account: account(port: port.port, timeout: 5)).open(logger: Logger(label: "test"))
            Issue.record("connected to a port where nothing listens")
        } catch {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains("va@va.test at 127.0.0.1:\(port.port)"))
            #expect(error.message.contains("inbox work"))
            #expect(!error.message.contains("not-shown-anywhere"))
        }
    }

    @Test("a server that never greets: .temporary once the time limit passes")
    func silent() async throws {
        let port = try LocalPort(listening: true)
        let started = ContinuousClock.now
        do {
            _ = try await IMAPInboxSource(name: "work", account: account(port: port.port, timeout: 1)).open(logger: Logger(label: "test"))
            Issue.record("logged in to a server that never spoke")
        } catch {
            #expect(error.kind == .temporary)
            #expect(error.message.contains("127.0.0.1:\(port.port)"))
        }
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
