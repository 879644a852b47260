import HandoffCore
import Testing

@Suite("Subject tags: request references and project tags")
struct SubjectTagsTests {
    @Test("the first valid [#R-n] anywhere in the subject, case-insensitively", arguments: [
        ("Re: Brochure [#R-12]", 12),
        ("[#r-7] Re: Fwd: [#R-9]", 7),
        ("Re: [#R-x] still about [#R-3]", 3),
        ("AW: [ #R-44 ] Flyer", nil),
        ("[#12] no prefix", nil),
        ("R-12 without brackets", nil),
        ("[#R-0]", nil),
        ("[#R-99999999999999999999]", nil),
        ("[[#R-5]]", 5),
        ("", nil),
    ] as [(String, Int?)])
    func requestReference(subject: String, expected: Int?) {
        #expect(SubjectTags.requestReference(in: subject)?.number == expected)
    }

    @Test("[word] tags come back lower-cased and in order; references and sentences are not tags", arguments: [
        ("[Acme] new flyer", ["acme"]),
        ("[EXT] [north-wind_2] Re: [#R-3]", ["ext", "north-wind_2"]),
        ("[SPAM?] [two words] [] [-x]", []),
        ("unclosed [acme", []),
        ("acme] reversed [", []),
    ])
    func projectTags(subject: String, expected: [String]) {
        #expect(SubjectTags.projectTag(in: subject) == expected)
    }

    @Test("a long subject of brackets is read in one pass, without a crash")
    func longSubject() {
        let subject = String(repeating: "[[]]", count: 50_000) + "[#R-1]"
        #expect(SubjectTags.requestReference(in: subject)?.number == 1)
        #expect(SubjectTags.projectTag(in: subject).isEmpty)
    }
}
