import Foundation
import HandoffCore
import HandoffTestSupport
import Testing

@Suite("File system questions")
struct FileSystemTests {
    @Test("files, folders, links to them and broken links are told apart", .temporaryFolder)
    func kinds() throws {
        let root = try TemporaryFolder.path()
        let file = root + "/notes.txt"
        let folder = root + "/work"
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: URL(fileURLWithPath: file))
        try FileSystem.createFolder(folder + "/deeper")
        try FileManager.default.createSymbolicLink(atPath: root + "/to-folder", withDestinationPath: folder)
        try FileManager.default.createSymbolicLink(atPath: root + "/broken", withDestinationPath: root + "/missing")

        #expect(FileSystem.isDirectory(folder + "/deeper") && FileSystem.isDirectory(root + "/to-folder"))
        #expect(!FileSystem.isDirectory(file) && !FileSystem.isDirectory(root + "/missing"))
        #expect(FileSystem.isReadableFile(file) && !FileSystem.isReadableFile(folder))
        #expect(FileSystem.exists(root + "/broken") && !FileSystem.exists(root + "/missing"))
        #expect(FileSystem.file(file, contains: "BEGIN CERTIFICATE") && !FileSystem.file(folder, contains: "BEGIN"))
        #expect(FileSystem.realPath(root + "/to-folder/../work/./deeper") == FileSystem.realPath(folder + "/deeper"))
        #expect(FileSystem.realPath(root + "/missing") == nil)
    }

    @Test("a folder that can't be made is an error of the asked kind, naming it and the way out", .temporaryFolder)
    func createFolderError() throws {
        let file = try TemporaryFolder.path() + "/plain"
        try Data().write(to: URL(fileURLWithPath: file))
        let error = #expect(throws: HandoffError.self) { try FileSystem.createFolder(file + "/inside", kind: .config, hint: "Check gateway.data_dir.") }
        #expect(error?.kind == .config)
        #expect(error?.message.hasPrefix("Cannot create the folder \(file)/inside: ") == true)
        #expect(error?.message.hasSuffix(" Check gateway.data_dir.") == true)
    }
}
