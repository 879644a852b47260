import Foundation

/// The Public Suffix List (publicsuffix.org): the names under which anybody may register
/// a domain (`com`, `co.uk`, `github.io`). An allow rule that covers one lets work go to
/// strangers, which is what `handoff doctor` looks for.
public struct PublicSuffixList: Sendable {
    /// Where Debian's `publicsuffix` package puts the list.
    public static let systemPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    private var rules: Set<String> = []
    private var wildcards: Set<String> = []
    private var exceptions: Set<String> = []

    /// Parses the list's text format: one rule a line, `//` comments, `*.` wildcards and
    /// `!` exceptions. Both the ICANN and the private sections count: `*.github.io` is as
    /// open to strangers as `*.com`.
    public init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            // A rule ends at the first white space; the rest of the line is ignored.
            guard let rule = line.split(separator: " ").first.map({ String($0).lowercased() }),
                  !rule.hasPrefix("//") else { continue }
            if rule.hasPrefix("!") {
                exceptions.insert(String(rule.dropFirst()))
            } else if rule.hasPrefix("*.") {
                wildcards.insert(String(rule.dropFirst(2)))
            } else {
                rules.insert(rule)
            }
        }
    }

    /// A few of the largest top-level and second-level suffixes, for when the system list
    /// is missing: far from complete, but it catches `*.com` and `co.uk`.
    public static let builtIn = PublicSuffixList(text: """
        com
        net
        org
        edu
        gov
        info
        biz
        io
        co
        eu
        de
        fr
        nl
        uk
        co.uk
        org.uk
        ac.uk
        au
        com.au
        ca
        us
        jp
        co.jp
        br
        com.br
        """)

    /// Whether `domain` (lower-case, no trailing dot) is itself a public suffix. Every
    /// single label is one: the list's implicit rule `*` makes every TLD a suffix.
    public func isPublicSuffix(_ domain: String) -> Bool {
        guard !exceptions.contains(domain) else { return false }
        guard let dot = domain.firstIndex(of: ".") else { return true }
        return rules.contains(domain) || wildcards.contains(String(domain[domain.index(after: dot)...]))
    }

    /// The system's list, or the built-in one with a note saying why it was used.
    public static func loadSystem(path: String = systemPath) -> (list: PublicSuffixList, note: String?) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (builtIn, "the public suffix list \(path) could not be read, so only a short built-in list of common suffixes was checked; install Debian's publicsuffix package for the full list")
        }
        return (PublicSuffixList(text: text), nil)
    }
}
