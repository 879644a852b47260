import HandoffStore
import HandoffConfig
import Foundation
import HandoffCore
import HandoffMail

/// Writes the words of a delivery email: what is attached (or linked), its hash and its
/// file list, so the client can check what they got against what was sent.
struct DeliveryMessage {
    var project: Project
    var handoff: HandoffID
    var package: PackageInfo
    var note: String?
    var link: (url: String, expires: Date)?
    var senderName: String?

    /// How many files the body lists before it says "and N more".
    static let listedFiles = 40

    var subject: String {
        "\(project.name): \(package.manifest.name)"
    }

    var body: String {
        var lines: [String] = ["Hello,", ""]
        let count = package.manifest.fileCount
        let what = "\(count) file\(count == 1 ? "" : "s"), \(ByteCount.format(package.manifest.totalBytes))"
        if let link {
            lines.append("\(package.manifest.name) for \(project.name) is ready to download (\(what)):")
            lines.append("")
            lines.append("  \(link.url)")
            lines.append("")
            lines.append("The link works until \(Self.dayFormatter.string(from: link.expires)).")
        } else {
            lines.append("Attached is \(package.manifest.name) for \(project.name) (\(what)) as \(package.fileName).")
        }
        if package.passphrase != nil {
            lines.append("The archive is encrypted (AES-256); the passphrase follows in a separate message.")
        }
        if let note, !note.isEmpty {
            lines.append("")
            lines.append(note)
        }
        lines.append("")
        lines.append("To check the file: SHA-256 of \(package.fileName) is")
        lines.append("  \(package.sha256)")
        lines.append("")
        lines.append("Contents:")
        for entry in package.manifest.files.prefix(Self.listedFiles) {
            lines.append("  \(entry.path)  (\(ByteCount.format(entry.size)))")
        }
        if count > Self.listedFiles {
            lines.append("  … and \(count - Self.listedFiles) more (all listed in manifest.json inside the archive)")
        }
        lines.append("")
        lines.append("Reference: \(handoff.rawValue)")
        if let senderName {
            lines.append("")
            lines.append("-- ")
            lines.append(senderName)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The short second message that carries an encrypted package's passphrase.
    var passphraseBody: String {
        [
            "Hello,", "",
            "The passphrase for \(package.fileName) (\(handoff.rawValue)) is:", "",
            "  \(package.passphrase ?? "")", "",
            "Open the archive with 7-Zip, WinZip, Keka or any tool that reads AES-256 zip files.",
        ].joined(separator: "\n") + "\n"
    }

    static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm 'UTC'"
        return formatter
    }()
}
