extension AllowRule {
    /// Whether some address passes both rules: then work meant for one project could be
    /// sent, within the guard, to a recipient the other project allows.
    public func overlaps(_ other: AllowRule) -> Bool {
        switch (self, other) {
        case (.address(let one), .address(let two)):
            return one == two
        case (.address(let address), _):
            return other.covers(domain: Self.domain(of: address))
        case (_, .address(let address)):
            return covers(domain: Self.domain(of: address))
        case (.domain(let one), .domain(let two)):
            return one == two
        case (.domain(let domain), .domainAndSubdomains):
            return other.covers(domain: domain)
        case (.domainAndSubdomains, .domain(let domain)):
            return covers(domain: domain)
        case (.domainAndSubdomains(let one), .domainAndSubdomains(let two)):
            return Self.isSame(one, orBelow: two) || Self.isSame(two, orBelow: one)
        }
    }

    /// Whether every address at `domain` passes this rule (an address rule covers none).
    public func covers(domain: String) -> Bool {
        switch self {
        case .address: false
        case .domain(let own): own == domain
        case .domainAndSubdomains(let own): Self.isSame(domain, orBelow: own)
        }
    }

    private static func isSame(_ domain: String, orBelow parent: String) -> Bool {
        domain == parent || domain.hasSuffix("." + parent)
    }

    private static func domain(of address: String) -> String {
        address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]) } ?? address
    }
}
