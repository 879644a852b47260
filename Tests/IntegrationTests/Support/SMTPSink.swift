import Foundation
import HandoffCore

/// Postfix's `smtp-sink` on a free 127.0.0.1 port: a real SMTP server that produces faults
/// on demand (`-Q connect` 421 and hang up, `-r data` 4xx, `-q .` no reply after the final
/// dot, `-W rcpt:30` a stall) and, with `-d`, keeps each message it accepted as a file, so
/// a test can count deliveries. Stopped when released.
final class SMTPSink {
    let port: Int
    let dumpFolder: String
    private let process: Process

    init(stack: TestStack, faults: [String] = []) throws {
        port = try freePort()
        dumpFolder = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dumpFolder, withIntermediateDirectories: true)
        // smtp-sink drops root privileges to `-u`; that user must be able to write the dumps.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dumpFolder)
        process = Process()
        process.executableURL = URL(fileURLWithPath: stack.smtpSink)
        var arguments = faults
        if getuid() == 0 { arguments += ["-u", "nobody"] }
        arguments += ["-d", dumpFolder + "/%H%M%S.", "-h", "sink.test", "127.0.0.1:\(port)", "10"]
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening(port: port)
    }

    deinit {
        stop(process)
        try? FileManager.default.removeItem(atPath: dumpFolder)
    }

    /// The messages this sink accepted (one dump file each).
    func accepted() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dumpFolder).filter { !$0.hasPrefix(".") }
    }
}

/// The scripted TLS front for `smtp-sink`, named as such: smtp-sink speaks no TLS, and
/// Handoff never sends in plain text, so this small Python program accepts implicit TLS
/// (`smtps://`) with the stack's certificate and relays the bytes to whichever sink the
/// test currently points it at. It also makes the one fault smtp-sink cannot: cutting the
/// connection in the middle of the message (`cutAfter` bytes from the client).
final class ScriptedTLSFrontForSMTPSink {
    let port: Int
    private let process: Process
    private let controlFile: String

    static let script = #"""
import socket, ssl, sys, threading
cert, key, control = sys.argv[1], sys.argv[2], sys.argv[3]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
print(server.getsockname()[1], flush=True)

def close(*sockets):
    for s in sockets:
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
        try: s.close()
        except OSError: pass

def relay(source, target, limit, both):
    sent = 0
    try:
        while True:
            data = source.recv(65536)
            if not data: break
            if limit is not None and sent + len(data) > limit:
                target.sendall(data[:max(0, limit - sent)])
                break
            target.sendall(data)
            sent += len(data)
    except OSError:
        pass
    close(*both)

def serve(raw):
    try:
        client = context.wrap_socket(raw, server_side=True)
    except (OSError, ssl.SSLError):
        close(raw)
        return
    words = open(control).read().split()
    port, cut = int(words[0]), (int(words[1]) if len(words) > 1 else None)
    backend = socket.create_connection(("127.0.0.1", port))
    both = (client, backend)
    threading.Thread(target=relay, args=(client, backend, cut, both), daemon=True).start()
    relay(backend, client, None, both)

while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
"""#

    init(stack: TestStack, backend: SMTPSink) throws {
        controlFile = FileManager.default.temporaryDirectory.appendingPathComponent("front-\(UUID().uuidString)").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, stack.serverCertificate, stack.serverKey, controlFile]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try Data("\(backend.port)".utf8).write(to: URL(fileURLWithPath: controlFile))
        try process.run()
        // The script prints its port once it listens: that line is the readiness signal.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            stop(process)
            throw HandoffError.internal("the scripted TLS front did not start")
        }
        self.port = port
    }

    deinit {
        stop(process)
        try? FileManager.default.removeItem(atPath: controlFile)
    }

    /// New connections go to `sink`; with `cutAfter`, each is cut after that many bytes
    /// from the client.
    func point(at sink: SMTPSink, cutAfter: Int? = nil) throws {
        let text = cutAfter.map { "\(sink.port) \($0)" } ?? "\(sink.port)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: controlFile), options: .atomic)
    }

    var url: String { "smtps://127.0.0.1:\(port)" }
}

/// Ends a helper process for good. SIGKILL, because a child started from the test
/// runner's threads can inherit a signal mask that holds SIGTERM back forever.
func stop(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
}

/// A TCP port nobody listens on right now (the kernel's choice for port 0).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw HandoffError.internal("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Connects until something listens on the port, bounded (a server starting up).
func waitUntilListening(port: Int, seconds: Double = 10) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        close(fd)
        if connected { return }
        usleep(20_000)
    }
    throw HandoffError.internal("nothing listens on 127.0.0.1:\(port)")
}
