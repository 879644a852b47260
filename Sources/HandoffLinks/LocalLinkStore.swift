import Foundation
import HandoffCore

/// A published package: where the client downloads it and until when.
public struct PublishedLink: Sendable, Equatable, Codable {
    public var url: String
    public var expires: Date
    /// Where the stored copy is.
    public var storedPath: String
}

/// The local link store: packages are kept under `<data>/links/<handoff>/` and served by
/// `handoff serve` at signed, expiring URLs.
public struct LocalLinkStore: Sendable {
    public let directory: String
    public let baseURL: String
    public let signer: LinkSigner

    public init(directory: String, baseURL: String, signer: LinkSigner) {
        self.directory = directory
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.signer = signer
    }

    /// Makes the package available at a signed URL valid until `expires`. Idempotent: a
    /// second call for the same handoff reuses the stored copy.
    public func publish(archive: String, fileName: String, handoff: HandoffID, expires: Date) throws(HandoffError) -> PublishedLink {
        let manager = FileManager.default
        let folder = (directory as NSString).appendingPathComponent(handoff.rawValue)
        let stored = (folder as NSString).appendingPathComponent(fileName)
        if !manager.fileExists(atPath: stored) {
            try FileSystem.createFolder(folder, hint: "The link store keeps published packages there.")
            // A hard link costs nothing when the data folder is on one file system; like
            // the copy, it never replaces a copy another process published meanwhile.
            if link(archive, stored) != 0, errno != EEXIST {
                try Self.copy(archive, to: stored)
            }
        }
        let path = "/d/\(handoff.rawValue)/\(Self.percentEncode(fileName))"
        let expiry = Int64(expires.timeIntervalSince1970)
        let url = "\(baseURL)\(path)?exp=\(expiry)&sig=\(signer.signature(path: path, expires: expiry))"
        return PublishedLink(url: url, expires: Date(timeIntervalSince1970: TimeInterval(expiry)), storedPath: stored)
    }

    /// Copies `archive` to `stored` through a temporary file, linked into place only if
    /// nothing is there yet, so a reader never sees half a package.
    private static func copy(_ archive: String, to stored: String) throws(HandoffError) {
        guard let input = FileHandle(forReadingAtPath: archive) else {
            throw .unavailable("Cannot read \(archive) to publish it: \(FileSystem.errnoText()).")
        }
        defer { try? input.close() }
        do {
            let file = try AtomicFile(finalPath: stored, mode: 0o644)
            while true {
                let chunk: Data
                do {
                    chunk = try input.read(upToCount: 1 << 20) ?? Data()
                } catch {
                    throw HandoffError.unavailable("Cannot read \(archive) to publish it: \(error.localizedDescription)")
                }
                if chunk.isEmpty { break }
                try file.write(Array(chunk))
            }
            _ = try file.commitIfAbsent(sync: true)
        } catch let error as HandoffError {
            throw error
        } catch let error as AtomicFileError {
            throw .unavailable("Cannot publish a copy at \(stored): \(error.reason).")
        } catch {
            throw .unavailable("Cannot publish a copy at \(stored): \(error).")
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986), so any file name
    /// makes a valid URL path segment.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                result += "%" + Hex.string([byte], uppercase: true)
            }
        }
        return result
    }
}
