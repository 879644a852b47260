import HandoffCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks where an archive is going before any work starts.
enum OutputLocation {
    /// Refuses an output whose folder does not exist, that is not a regular file (see
    /// `checkTarget`), or that lies inside the folder being packaged (the archive would try
    /// to contain itself, and a second run would package the first run's archive).
    static func check(_ output: String, plan: SourcePlan, source: String, replacingFile: Bool) throws(HandoffError) {
        let (folder, name) = Paths.split(output)
        guard !output.isEmpty, !name.isEmpty, name != ".", name != "..", name != "/" else {
            throw .usage("'\(output)' is not a file name for the archive. Give one such as 'welcome-pack.zip'.")
        }
        guard let realFolder = FileSystem.realPath(folder) else {
            throw .badInput("The folder '\(folder)' for the archive does not exist. Create it, or choose another output path.")
        }
        let realOutput = Paths.join(realFolder, name)
        try checkTarget(output, replacingFile: replacingFile, suggestedName: plan.name)
        let inside = plan.isFolder ? Paths.isSame(realOutput, orInside: plan.root) : realOutput == plan.root
        if inside || FileSystem.realPath(output) == plan.root {
            throw .badInput("The archive '\(output)' would be written inside '\(source)', the thing being packaged. Write it somewhere else, for example next to it.")
        }
    }

    /// Refuses a target that exists and is not a regular file: a folder, a FIFO, a device,
    /// a socket, or a symbolic link even to a regular file. rename(2) replaces whatever is
    /// at the path, so `-o /dev/null` run as root would otherwise swap the system's null
    /// device for an archive, and `-o link` would replace the link, not what it points to.
    /// An existing regular file is replaced only when the caller asked for it.
    static func checkTarget(_ output: String, replacingFile: Bool, suggestedName: String = "delivery") throws(HandoffError) {
        var info = stat()
        // Nothing there (or nothing we may look at): creating the archive reports the rest.
        guard lstat(output, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard replacingFile else {
                throw .usage("'\(output)' already exists. Give --force to replace it, or choose another output path.")
            }
        case S_IFDIR:
            throw .badInput("'\(output)' is a folder. Give a file name for the archive, such as '\(Paths.join(output, suggestedName)).zip'.")
        default:
            throw .badInput("'\(output)' is \(SourceScanner.describe(info)), not a regular file; an archive never replaces one. Remove it or choose another output path (-o - writes the archive to standard output).")
        }
    }
}
