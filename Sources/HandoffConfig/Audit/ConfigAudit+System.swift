import Foundation

extension ConfigAudit {
    /// Every audit against this machine: the system's public suffix list (a warning says
    /// when the built-in one stood in) and the secret files' modes as they are now.
    public static func findings(for config: HandoffConfiguration, suffixListPath: String = PublicSuffixList.systemPath) -> [ConfigFinding] {
        let (suffixes, note) = PublicSuffixList.loadSystem(path: suffixListPath)
        var findings = note.map { [ConfigFinding(.warning, "public suffix list", $0)] } ?? []
        findings += publicSuffixRules(config.projects, suffixes: suffixes)
        findings += overlappingRules(config.projects)
        findings += sharedContacts(config.projects)
        findings += secretFilePermissions(config.secretFiles, mode: fileMode)
        return findings
    }

    /// The permission bits of the file at `path` (symlinks followed, as the secret is read).
    static func fileMode(_ path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o7777
    }
}
