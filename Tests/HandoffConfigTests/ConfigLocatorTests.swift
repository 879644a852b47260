import HandoffConfig
import Testing

@Suite("Finding the configuration")
struct ConfigLocatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let explicit: String?
        let environment: [String: String]
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "--config wins over everything", explicit: "/etc/handoff.toml", environment: ["HANDOFF_CONFIG": "/env/handoff.toml"], expected: "/etc/handoff.toml"),
        .init(name: "a relative --config is taken from the current folder", explicit: "site/config/h.toml", environment: [:], expected: "/home/pat/work/site/config/h.toml"),
        .init(name: "HANDOFF_CONFIG comes next", explicit: nil, environment: ["HANDOFF_CONFIG": "/env/handoff.toml"], expected: "/env/handoff.toml"),
        .init(name: "a relative HANDOFF_CONFIG is tidied", explicit: nil, environment: ["HANDOFF_CONFIG": "../other/./config/handoff.toml"], expected: "/home/pat/other/config/handoff.toml"),
        .init(name: "~ in HANDOFF_CONFIG is the home folder", explicit: nil, environment: ["HANDOFF_CONFIG": "~/va/config/handoff.toml", "HOME": "/home/pat"], expected: "/home/pat/va/config/handoff.toml"),
        .init(name: "an empty --config or variable is ignored", explicit: "", environment: ["HANDOFF_CONFIG": ""], expected: "/home/pat/work/config/handoff.toml"),
        .init(name: "else config/handoff.toml under the current folder", explicit: nil, environment: [:], expected: "/home/pat/work/config/handoff.toml"),
    ]

    @Test("--config, then HANDOFF_CONFIG, then config/handoff.toml", arguments: cases)
    func order(_ fixture: Case) {
        let path = ConfigLocator.locate(explicit: fixture.explicit, environment: fixture.environment, currentDirectory: "/home/pat/work")
        #expect(path == fixture.expected)
    }
}
