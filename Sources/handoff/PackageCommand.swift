import ArgumentParser
import Foundation
import HandoffCore
import HandoffPackaging

struct PackageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Build a package alone (a preview of what a delivery sends) and print its manifest.",
        discussion: "Needs no configuration. Files that are already compressed (JPEG, PNG, PDF, Office, video, archives) are stored, the rest deflated, unless --compress says otherwise."
    )

    @Argument(help: "The folder or file to package.")
    var path: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The archive to write (default: NAME.FORMAT in the current folder).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: "zip, tar.gz or tar.zst.")
    var format: ArchiveFormat = .zip

    @Option(name: .long, help: "auto (store what is already compressed), always or never.")
    var compress: CompressionPolicy = .auto

    @Flag(name: .long, help: "Encrypt the zip with AES-256 and print the generated passphrase.")
    var encrypt = false

    @Flag(name: .long, help: "Print the package and its manifest as JSON.")
    var json = false

    func run() async throws {
        let info = try await reportingErrors { () throws(HandoffError) in
            let source = URL(fileURLWithPath: path).standardizedFileURL.path
            var name = (source as NSString).lastPathComponent
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), !isFolder.boolValue {
                let stem = (name as NSString).deletingPathExtension
                if !stem.isEmpty { name = stem }
            }
            let target = output ?? "\(name).\(format.fileExtension)"
            // A preview: no need to fsync what the user will likely throw away.
            let options = Packager.Options(format: format, compression: compress, encrypt: encrypt, syncToDisk: output == nil ? false : true)
            let line = json ? nil : ProgressLine(label: "packaging \(name)", total: ProgressLine.totalBytes(under: source))
            defer { line?.finish() }
            var progress: Packager.Progress?
            if let line { progress = { done in line.update(done) } }
            return try Packager(options: options).package(source: source, to: target, name: name, progress: progress)
        }
        if json {
            try printJSON(info)
            return
        }
        say("\(info.archivePath)  \(ByteCount.format(info.size))  sha256:\(info.sha256)")
        if let passphrase = info.passphrase {
            say("passphrase: \(passphrase)   (send it separately from the archive)")
        }
        for entry in info.manifest.files {
            say("  \(entry.sha256.prefix(16))…  \(ByteCount.format(entry.size).padding(toLength: 10, withPad: " ", startingAt: 0))  \(entry.path)")
        }
        say("\(info.manifest.fileCount) file\(info.manifest.fileCount == 1 ? "" : "s"), \(ByteCount.format(info.manifest.totalBytes)) before packaging")
    }
}
