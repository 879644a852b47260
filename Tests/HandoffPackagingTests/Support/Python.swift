import Foundation
import Testing

/// Python's zipfile, tarfile and hashlib: readers that share no code with libarchive.
enum Python {
    struct ZipMember: Decodable {
        var name: String
        var flagBits: Int
        var compressType: Int
        var mode: Int
        var size: Int64
        var isDir: Bool
    }

    struct TarMember: Decodable {
        var name: String
        var mode: Int
        var uid: Int
        var gid: Int
        var uname: String
        var gname: String
        var size: Int64
        var isDir: Bool
    }

    private static let script = """
        import hashlib, json, os, sys, tarfile, zipfile
        command, args = sys.argv[1], sys.argv[2:]
        def sha(path):
            h = hashlib.sha256()
            with open(path, 'rb') as f:
                for block in iter(lambda: f.read(1 << 20), b''):
                    h.update(block)
            return h.hexdigest()
        if command == 'zipinfo':
            with zipfile.ZipFile(args[0]) as z:
                out = [dict(name=i.filename, flagBits=i.flag_bits, compressType=i.compress_type,
                            mode=i.external_attr >> 16, size=i.file_size, isDir=i.is_dir()) for i in z.infolist()]
        elif command == 'unzip':
            with zipfile.ZipFile(args[0]) as z:
                z.extractall(args[1])
            out = []
        elif command == 'tarinfo':
            with tarfile.open(args[0]) as t:
                out = [dict(name=m.name, mode=m.mode, uid=m.uid, gid=m.gid, uname=m.uname, gname=m.gname,
                            size=m.size, isDir=m.isdir()) for m in t.getmembers()]
        elif command == 'untar':
            with tarfile.open(args[0]) as t:
                t.extractall(args[1], filter='data')
            out = []
        elif command == 'hashes':
            out = {}
            for folder, _, files in os.walk(args[0]):
                for name in files:
                    path = os.path.join(folder, name)
                    out[os.path.relpath(path, args[0])] = sha(path)
        elif command == 'sha256':
            out = sha(args[0])
        print(json.dumps(out))
        """

    static func call<T: Decodable>(_ type: T.Type, _ command: String, _ arguments: [String], scratch: String) throws -> T {
        let text = try Tool.output("python3", ["-c", script, command] + arguments, scratch: scratch)
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    static func zipMembers(_ archive: String, scratch: String) throws -> [ZipMember] {
        try call([ZipMember].self, "zipinfo", [archive], scratch: scratch)
    }

    static func tarMembers(_ archive: String, scratch: String) throws -> [TarMember] {
        try call([TarMember].self, "tarinfo", [archive], scratch: scratch)
    }

    static func unzip(_ archive: String, to destination: String, scratch: String) throws {
        _ = try call([String].self, "unzip", [archive, destination], scratch: scratch)
    }

    static func untar(_ archive: String, to destination: String, scratch: String) throws {
        _ = try call([String].self, "untar", [archive, destination], scratch: scratch)
    }

    /// SHA-256 of every file under `folder`, keyed by relative path.
    static func hashes(_ folder: String, scratch: String) throws -> [String: String] {
        try call([String: String].self, "hashes", [folder], scratch: scratch)
    }

    static func sha256(_ file: String, scratch: String) throws -> String {
        try call(String.self, "sha256", [file], scratch: scratch)
    }
}
