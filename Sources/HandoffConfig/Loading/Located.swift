/// A decoded value and the place in the file it came from, so later checks (a contact
/// outside `allow`, a cap below its base) can still point at the right line.
struct Located<Value> {
    let value: Value
    let position: SourcePosition
}
