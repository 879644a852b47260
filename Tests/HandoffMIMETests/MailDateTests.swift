import Foundation
import Testing
@testable import HandoffMIME

@Suite("RFC 5322 dates")
struct MailDateTests {
    // Expected values cross-checked with Python's email.utils.formatdate.
    @Test("Formatting in UTC", arguments: [
        (1_796_019_120.0, "Mon, 30 Nov 2026 06:12:00 +0000"),
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (951_868_799.0, "Tue, 29 Feb 2000 23:59:59 +0000"),
        (1_709_164_800.0, "Thu, 29 Feb 2024 00:00:00 +0000"),
        (4_102_444_800.0, "Fri, 01 Jan 2100 00:00:00 +0000"),
        (-1.0, "Wed, 31 Dec 1969 23:59:59 +0000"),
        (-2_207_520_001.0, "Wed, 17 Jan 1900 23:59:59 +0000"),
        // Fractions are dropped, never rounded up into the next second or day.
        (1_795_991_520.999, "Sun, 29 Nov 2026 22:32:00 +0000"),
    ])
    func utc(seconds: Double, expected: String) {
        #expect(MailDate.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("Formatting with an offset", arguments: [
        (1_796_019_120.0, 3600, "Mon, 30 Nov 2026 07:12:00 +0100"),
        (1_796_019_120.0, -5 * 3600, "Mon, 30 Nov 2026 01:12:00 -0500"),
        (1_796_019_120.0, -7 * 3600, "Sun, 29 Nov 2026 23:12:00 -0700"),
        (1_796_019_120.0, 5 * 3600 + 1800, "Mon, 30 Nov 2026 11:42:00 +0530"),
    ])
    func offset(seconds: Double, offset: Int, expected: String) throws {
        let zone = try #require(TimeZone(secondsFromGMT: offset))
        #expect(MailDate.format(Date(timeIntervalSince1970: seconds), timeZone: zone) == expected)
    }

    @Test("Same result as Foundation's POSIX formatter over many dates")
    func matchesFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var seconds = -2_000_000_000.0
        while seconds < 4_000_000_000 {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(MailDate.format(date) == formatter.string(from: date))
            seconds += 86_400 * 13 + 3_607
        }
    }
}
