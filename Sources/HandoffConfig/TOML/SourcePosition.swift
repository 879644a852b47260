/// A place in a source file, line and column both 1-based, as editors show them.
///
/// Every parsed value keeps one, so that errors found after parsing (an unknown key, a
/// value of the wrong kind) still point at the line a person has to fix.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    /// Counted in Unicode scalars: a tab or an accented letter is one column.
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form compilers and editors understand after a file name.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
