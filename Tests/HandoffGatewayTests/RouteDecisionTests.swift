import HandoffCore
@testable import HandoffGateway
import Testing

@Suite("The route of a delivery, decided from sizes alone")
struct RouteDecisionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var route: DeliveryRoute
        var messageBytes: Int64
        var configured: Int64
        var server: Int64?
        /// nil: refused as too large for email.
        var expected: RoutingPolicy.Decision?
        var why: String

        var testDescription: String { why }
    }

    static let cases: [Case] = [
        Case(route: .auto, messageBytes: 900, configured: 1000, server: nil, expected: .email, why: "auto, fits the configured limit"),
        Case(route: .auto, messageBytes: 1000, configured: 1000, server: nil, expected: .email, why: "auto, exactly at the limit"),
        Case(route: .auto, messageBytes: 1001, configured: 1000, server: nil, expected: .link, why: "auto, one byte over"),
        Case(route: .auto, messageBytes: 900, configured: 1000, server: 800, expected: .link, why: "auto, the server's smaller SIZE holds"),
        Case(route: .auto, messageBytes: 900, configured: 1000, server: 5000, expected: .email, why: "auto, a larger server SIZE lifts nothing"),
        Case(route: .link, messageBytes: 10, configured: 1000, server: nil, expected: .link, why: "link, however small"),
        Case(route: .email, messageBytes: 900, configured: 1000, server: nil, expected: .email, why: "email that fits"),
        Case(route: .email, messageBytes: 900, configured: 1000, server: 800, expected: nil, why: "email over the server's SIZE is refused"),
        Case(route: .email, messageBytes: 2000, configured: 1000, server: nil, expected: nil, why: "email over the configured limit is refused"),
    ]

    @Test("email or link by the encoded size and the smaller limit", arguments: cases)
    func decides(_ fixture: Case) throws {
        let decision = RouteDecision(
            route: fixture.route, messageBytes: fixture.messageBytes,
            configuredLimitBytes: fixture.configured, serverLimitBytes: fixture.server)
        if let expected = fixture.expected {
            #expect(try decision.decide(project: try ProjectID("acme")) == expected)
        } else {
            let error = #expect(throws: HandoffError.self) { try decision.decide(project: try ProjectID("acme")) }
            #expect(error?.kind == .badInput)
            #expect(error?.message.contains("--via link") == true)
        }
    }

    @Test("only a delivery that may go by email asks the server for its limit", arguments: DeliveryRoute.allCases)
    func asksServer(_ route: DeliveryRoute) {
        #expect(RouteDecision.needsServerLimit(route) == (route != .link))
    }
}
