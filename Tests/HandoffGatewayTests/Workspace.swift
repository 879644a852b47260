import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffTestSupport
import Logging

/// A throwaway Handoff installation: a root folder with `config/handoff.toml`, an outbox
/// and a data folder, removed when the test ends.
final class Workspace {
    let root: String

    /// - Parameters:
    ///   - gateway: extra lines for `[gateway]`.
    ///   - mail: extra lines for `[mail]`.
    ///   - project: extra lines for `[projects.acme]`.
    ///   - inbox: lines for `[inbox]` (the default is the Maildir `var/maildir`).
    init(gateway: String = "", mail: String = "", project: String = "", queue: String = "", inbox: String = "", maxAttempts: Int = 3) throws {
        root = try TemporaryFolder.create()
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/outbox/acme", withIntermediateDirectories: true)
        let config = """
            [gateway]
            data_dir = "var"
            outbox = "outbox"
            sender = "Pat Example <pat@va.test>"
            workers = 2
            \(gateway)

            [mail]
            transport = "file"
            \(mail)

            [links]
            store = "local"
            base_url = "http://127.0.0.1:8787"
            expire_days = 7

            [queue]
            max_attempts = \(maxAttempts)
            backoff_base_seconds = 1
            backoff_cap_seconds = 2
            \(queue)

            [inbox]
            \(inbox)

            [projects.acme]
            name = "Acme Realty"
            contacts = ["Dana Client <dana@acme.test>"]
            allow = ["acme.test"]
            \(project)
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    deinit {
        TemporaryFolder.remove(root)
    }

    var configPath: String { root + "/config/handoff.toml" }
    var sentFolder: String { root + "/var/sent" }

    func gateway() throws -> Gateway {
        let config = try ConfigLoader.load(path: configPath, environment: [:])
        var logger = Logger(label: "handoff.test")
        logger.logLevel = .critical
        return try Gateway(config: config, logger: logger)
    }

    /// Writes a deliverable folder with a few files; returns its path.
    @discardableResult
    func makeDeliverable(_ relative: String, files: [String: Data]? = nil) throws -> String {
        let folder = root + "/" + relative
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let contents = files ?? [
            "report.txt": Data("Quarterly report for Acme\n".utf8),
            "data/listings.csv": Data("address,price\n12 Harbour View,489000\n".utf8),
        ]
        for (name, data) in contents {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path))
        }
        return folder
    }

    /// The `.eml` files the file transport wrote.
    func sentMessages() throws -> [String] {
        guard FileManager.default.fileExists(atPath: sentFolder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: sentFolder).filter { $0.hasSuffix(".eml") }.sorted()
            .map { sentFolder + "/" + $0 }
    }

    /// Drops a raw message into the default Maildir's `new/`, as an MDA would (written in
    /// `tmp/`, then renamed); returns its file name.
    @discardableResult
    func deliverToMaildir(_ message: String, name: String? = nil) throws -> String {
        let maildir = root + "/var/maildir"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true)
        }
        let file = name ?? "\(Int(Date().timeIntervalSince1970)).M\(UInt32.random(in: 0...UInt32.max))P1.test"
        let bytes = Data(message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try bytes.write(to: URL(fileURLWithPath: maildir + "/tmp/" + file))
        try FileManager.default.moveItem(atPath: maildir + "/tmp/" + file, toPath: maildir + "/new/" + file)
        return file
    }

    func contents(of path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}

/// Random bytes (incompressible), for size-based routing.
func randomData(_ count: Int) -> Data {
    var generator = SystemRandomNumberGenerator()
    var data = Data(count: count)
    data.withUnsafeMutableBytes { buffer in
        for index in buffer.indices { buffer[index] = UInt8.random(in: 0...255, using: &generator) }
    }
    return data
}

