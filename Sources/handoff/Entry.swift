import Foundation
import HandoffCLI
import HandoffCore

/// Process set-up that must happen before any command runs.
@main
enum Entry {
    static func main() async {
        // Archive entry names go through the C locale; without a UTF-8 LC_CTYPE, non-ASCII
        // file names would be mangled.
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        // A closed socket must be an error to handle, not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        if let problem = invalidArgument() {
            FileHandle.standardError.write(Data("handoff: \(problem)\n".utf8))
            exit(HandoffError.Kind.badInput.exitCode)
        }
        exit(await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Swift hands arguments over as Strings, replacing bytes that are not UTF-8 with '�':
    /// a folder named in Latin-1 would then be looked for under another name and reported
    /// as missing. The raw bytes say what is really wrong.
    static func invalidArgument() -> String? {
        for index in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            if String(validating: bytes, as: UTF8.self) == nil {
                return "the argument '\(EscapedText.escaping(bytes))' is not valid UTF-8 (bytes that cannot be read are shown as \\xNN), so Handoff cannot name it faithfully. Rename the file or folder to UTF-8 (for example with convmv -f latin1 -t utf8) and try again."
            }
        }
        return nil
    }
}
