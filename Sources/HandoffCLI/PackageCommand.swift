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

    @Option(name: .shortAndLong, help: ArgumentHelp("The archive to write (default: NAME.FORMAT in the current folder); - writes it to standard output and the manifest to standard error.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Replace the output file if it exists (only ever a regular file).")
    var force = false

    @Option(name: .long, help: "zip, tar.gz or tar.zst.")
    var format: ArchiveFormat = .zip

    @Option(name: .long, help: "auto (store what is already compressed), always or never.")
    var compress: CompressionPolicy = .auto

    @Flag(name: .long, help: "Encrypt the zip with AES-256 and print the generated passphrase.")
    var encrypt = false

    @Flag(name: .long, help: "Print the package and its manifest as JSON.")
    var json = false

    /// `-o -`: the archive goes to standard output, so everything said about it goes to
    /// standard error, where it cannot end up inside the archive a pipe is carrying.
    private var toStandardOutput: Bool { output == "-" }

    func run() async throws {
        let info = try await reportingErrors { () throws(HandoffError) in
            if toStandardOutput, isatty(STDOUT_FILENO) == 1 {
                throw .usage("-o - writes the archive to standard output, which is a terminal here. Pipe it into a program or redirect it to a file (> NAME.\(format.fileExtension)).")
            }
            let source = URL(fileURLWithPath: path).standardizedFileURL.path
            var name = (source as NSString).lastPathComponent
            if FileManager.default.fileExists(atPath: source), !FileSystem.isDirectory(source) {
                let stem = (name as NSString).deletingPathExtension
                if !stem.isEmpty { name = stem }
            }
            let target = output ?? "\(name).\(format.fileExtension)"
            // A preview: no need to fsync what the user will likely throw away.
            let options = Packager.Options(
                format: format, compression: compress, encrypt: encrypt, syncToDisk: output == nil || toStandardOutput ? false : true,
                replacesExistingFile: force)
            let line = json ? nil : ProgressLine(label: "packaging \(name)", total: ProgressLine.totalBytes(under: source))
            defer { line?.finish() }
            var progress: Packager.Progress?
            if let line { progress = { done in line.update(done) } }
            let packager = Packager(options: options)
            if toStandardOutput {
                return try packager.packageToStandardOutput(source: source, name: name, progress: progress)
            }
            return try packager.package(source: source, to: target, name: name, progress: progress)
        }
        let summary: ConsoleStream = toStandardOutput ? .error : .output
        if json {
            try printJSON(info, to: summary)
            return
        }
        var lines = ["\(info.archivePath)  \(ByteCount.format(info.size))  sha256:\(info.sha256)"]
        if let passphrase = info.passphrase {
            lines.append("passphrase: \(passphrase)   (send it separately from the archive)")
        }
        for entry in info.manifest.files {
            lines.append("  \(entry.sha256.prefix(16))…  \(ByteCount.format(entry.size).padding(toLength: 10, withPad: " ", startingAt: 0))  \(entry.path)")
        }
        lines.append("\(info.manifest.fileCount) file\(info.manifest.fileCount == 1 ? "" : "s"), \(ByteCount.format(info.manifest.totalBytes)) before packaging")
        Console.current.write(lines.map { TerminalText.escaped($0) + "\n" }.joined(), to: summary)
    }
}
