import HandoffCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks where an archive is going before any work starts.
enum OutputLocation {
    /// Refuses an output whose folder does not exist, that is a folder itself, or that lies
    /// inside the folder being packaged (the archive would try to contain itself, and a
    /// second run would package the first run's archive).
    static func check(_ output: String, plan: SourcePlan, source: String) throws(HandoffError) {
        let (folder, name) = Paths.split(output)
        guard !output.isEmpty, !name.isEmpty, name != ".", name != "..", name != "/" else {
            throw .usage("'\(output)' is not a file name for the archive. Give one such as 'welcome-pack.zip'.")
        }
        guard let realFolder = Paths.resolve(folder) else {
            throw .badInput("The folder '\(folder)' for the archive does not exist. Create it, or choose another output path.")
        }
        let realOutput = Paths.join(realFolder, name)
        var info = stat()
        if stat(realOutput, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw .badInput("'\(output)' is a folder. Give a file name for the archive, such as '\(Paths.join(output, plan.name)).zip'.")
        }
        let inside = plan.isFolder ? Paths.isSame(realOutput, orInside: plan.root) : realOutput == plan.root
        if inside || Paths.resolve(output) == plan.root {
            throw .badInput("The archive '\(output)' would be written inside '\(source)', the thing being packaged. Write it somewhere else, for example next to it.")
        }
    }
}
