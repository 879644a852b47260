import HandoffInbound
import Testing

@Suite("HTML to text")
struct HTMLTextTests {
    @Test("HTML becomes readable text", arguments: [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>x</li><li>y</li></ul>", "- x\n- y"),
        ("<head><title>T</title></head><style>p{}</style><script>if (a<b) x()</script>Body", "Body"),
        ("<SCRIPT>evil()</SCRIPT >shown", "shown"),
        ("Fish &amp; chips &lt;3 &#233;&#xE9; &euro;&nbsp;5 &bogus; &#0; &#x110000;", "Fish & chips <3 éé € 5 &bogus; &#0; &#x110000;"),
        ("  lots \n\n of\t\tspace  ", "lots of space"),
        ("<!-- hidden --> seen <!-- never closed", "seen"),
        ("a < b and c > d", "a < b and c > d"),
        ("<table><tr><td>1</td><td>2</td></tr></table>", "1 2"),
    ] as [(String, String)])
    func converts(html: String, text: String) {
        #expect(HTMLText.text(fromHTML: html) == text)
    }

    @Test("pathological HTML costs time linear in its length")
    func linear() {
        let inputs = [String(repeating: "<", count: 200_000), String(repeating: "<script>", count: 20_000), String(repeating: "&#", count: 100_000)]
        for input in inputs {
            let started = ContinuousClock.now
            _ = HTMLText.text(fromHTML: input)
            #expect(started.duration(to: .now) < .seconds(5))
        }
    }
}
