import HandoffConfig
import HandoffCore
import Testing

@Suite("Per-project time settings")
struct TimeSettingsTests {
    static let gateway = "[gateway]\nsender = \"pat@va.example\"\n"

    @Test("defaults: no rounding, a forgotten clock after 10 hours")
    func defaults() throws {
        let config = try ConfigFixtures.load(Self.gateway + "[projects.demo]\nallow = [\"demo.example\"]")
        let project = try #require(config.project(id: "demo"))
        #expect(project.rounding == .none)
        #expect(project.forgottenClockHours == 10)
    }

    @Test("rounding_minutes takes none, 0, 6 or 15", arguments: [
        ("\"none\"", TimeRounding.none), ("0", .none), ("6", .sixMinutes), ("15", .fifteenMinutes),
    ])
    func rounding(_ written: String, _ expected: TimeRounding) throws {
        let config = try ConfigFixtures.load(Self.gateway + "[projects.demo]\nallow = [\"demo.example\"]\nrounding_minutes = \(written)\nforgotten_clock_hours = 12.5")
        let project = try #require(config.project(id: "demo"))
        #expect(project.rounding == expected)
        #expect(project.forgottenClockHours == 12.5)
    }

    @Test("a rounding that is not offered is refused with what is valid")
    func badRounding() {
        let error = ConfigFixtures.error(Self.gateway + "[projects.demo]\nallow = [\"demo.example\"]\nrounding_minutes = 10")
        #expect(error?.message == "config/handoff.toml:5:20: projects.demo.rounding_minutes = 10 is not a rounding; use \"none\", 6 (tenths of an hour) or 15 (quarter hours).")
    }

    @Test("a forgotten-clock limit out of range is refused")
    func badLimit() {
        let error = ConfigFixtures.error(Self.gateway + "[projects.demo]\nallow = [\"demo.example\"]\nforgotten_clock_hours = 0")
        #expect(error?.message == "config/handoff.toml:5:25: projects.demo.forgotten_clock_hours = 0 is out of range; use a number from 0.5 to 168 hours.")
    }
}
