import Foundation
import HandoffCore
import HandoffTestSupport
import Logging
import Testing
@testable import HandoffMail

/// Faults Dovecot cannot be made to produce at a chosen moment, from a scripted IMAP server
/// (TLS with the stack's certificate): a connection cut in the middle of a message body,
/// and a NO to the STORE that marks messages read.
@Suite("IMAP inbox faults (scripted server)")
struct IMAPInboxFaultTests {
    let stack: TestStack

    init() throws {
        stack = try TestStack.load()
    }

    func open(_ server: ScriptedIMAPServerForFaults) async throws -> any InboxSession {
        let account = IMAPAccount(
            host: "127.0.0.1", port: server.port, tls: .implicitTLS, mailbox: "INBOX",
            login: .password(username: "va@va.test", password: Secret("va-pass", source: "test")),
            trust: TLSTrust(caFile: stack.caFile), timeoutSeconds: 10)
        return try await IMAPInboxSource(name: "scripted", account: account).open(logger: Logger(label: "test"))
    }

    @Test("the connection cut mid-body: .unavailable, no file left behind, the session refuses more")
    func cutMidBody() async throws {
        let server = try ScriptedIMAPServerForFaults(stack: stack, fault: "cut")
        let session = try await open(server)
        #expect(session.uidValidity == 42)
        let refs = try await session.pending(afterUID: 0, since: nil)
        #expect(refs == [InboxMessageRef(uid: 5, key: "5", size: 1000)])
        let folder = try TemporaryFolder.create()
        defer { TemporaryFolder.remove(folder) }
        do {
            _ = try await session.fetch(refs, into: folder, maxBytes: 1 << 20)
            Issue.record("a cut body was taken as whole")
        } catch {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains("closed the connection"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        do {
            _ = try await session.messageCount()
            Issue.record("a broken session went on")
        } catch {
            #expect(error.message.contains("open the inbox again"))
        }
        await session.close()
    }

    @Test("a NO to UID STORE names the command, the mailbox and the server's words")
    func storeRefused() async throws {
        let server = try ScriptedIMAPServerForFaults(stack: stack, fault: "store-no")
        let session = try await open(server)
        let refs = try await session.pending(afterUID: 0, since: nil)
        do {
            try await session.markProcessed(refs, moveTo: nil)
            Issue.record("a refused STORE passed")
        } catch {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains("UID STORE"))
            #expect(error.message.contains("INBOX"))
            #expect(error.message.contains("flags are read-only here"))
        }
        // A NO leaves the conversation in step: the session goes on.
        #expect(try await session.messageCount() == 1)
        await session.close()
    }
}

/// A scripted IMAP server over TLS for the faults above; not a real server, and named so.
/// One mailbox with one message (UID 5, 1000 bytes); `fault` says what goes wrong.
final class ScriptedIMAPServerForFaults {
    let port: Int
    private let process: Process

    static let script = #"""
import socket, ssl, sys, threading
cert, key, fault, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(4)
body = (b"From: client@acme.test\r\nSubject: cut\r\n\r\n" + b"x" * 1000)[:1000]

def serve(raw):
    try:
        c = context.wrap_socket(raw, server_side=True)
    except (OSError, ssl.SSLError):
        raw.close(); return
    f = c.makefile("rb")
    c.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE] scripted server ready\r\n")
    while True:
        line = f.readline()
        if not line: break
        words = line.decode().split()
        if len(words) < 2: continue
        tag, verb = words[0], " ".join(words[1:3]).upper() if words[1].upper() == "UID" else words[1].upper()
        if verb == "CAPABILITY":
            c.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE\r\n" + tag.encode() + b" OK done\r\n")
        elif verb == "AUTHENTICATE":
            if len(words) < 4:
                c.sendall(b"+ \r\n"); f.readline()
            c.sendall(tag.encode() + b" OK logged in\r\n")
        elif verb in ("LOGIN", "NOOP"):
            c.sendall(b"* 1 EXISTS\r\n" + tag.encode() + b" OK done\r\n")
        elif verb == "SELECT":
            c.sendall(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 42] ok\r\n" + tag.encode() + b" OK [READ-WRITE] done\r\n")
        elif verb == "UID SEARCH":
            c.sendall(b"* SEARCH 5\r\n" + tag.encode() + b" OK done\r\n")
        elif verb == "UID FETCH" and "BODY.PEEK" not in line.decode():
            c.sendall(b"* 1 FETCH (UID 5 RFC822.SIZE 1000)\r\n" + tag.encode() + b" OK done\r\n")
        elif verb == "UID FETCH":
            c.sendall(b"* 1 FETCH (UID 5 RFC822.SIZE 1000 BODY[] {1000}\r\n" + body[:300])
            if fault == "cut":
                c.close(); return
            c.sendall(body[300:] + b")\r\n" + tag.encode() + b" OK done\r\n")
        elif verb == "UID STORE" and fault == "store-no":
            c.sendall(tag.encode() + b" NO [CANNOT] flags are read-only here\r\n")
        elif verb == "LOGOUT":
            c.sendall(b"* BYE bye\r\n" + tag.encode() + b" OK done\r\n"); break
        else:
            c.sendall(tag.encode() + b" OK done\r\n")
    c.close()

while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
"""#

    init(stack: TestStack, fault: String) throws {
        port = try freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, stack.serverCertificate, stack.serverKey, fault, "\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            try waitUntilListening(port: port)
        } catch {
            stop(process)
            throw error
        }
    }

    deinit {
        stop(process)
    }
}
