/// TOML's number grammar, on one already-delimited token, kept apart from the cursor so
/// it can be read (and fixed) on its own. Messages never repeat the token: the column
/// points at it, and a number may be a mistyped secret.
enum TOMLNumberSyntax {
    struct Problem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Whether `scalar` can be part of a number token (digits, signs, `_`, `.`, `e`,
    /// radix prefixes, `inf`, `nan`). Anything after the token is checked by the caller.
    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        TOMLText.isBareKeyScalar(scalar) || scalar == "+" || scalar == "."
    }

    static func parse(_ token: [Unicode.Scalar]) throws(Problem) -> TOMLValue.Kind {
        var body = token[...]
        var sign: Unicode.Scalar?
        if let first = body.first, first == "+" || first == "-" {
            sign = first
            body = body.dropFirst()
        }
        let text = String(String.UnicodeScalarView(body))
        if text == "inf" { return .float(sign == "-" ? -.infinity : .infinity) }
        if text == "nan" { return .float(sign == "-" ? -.nan : .nan) }
        if text.hasPrefix("0x") || text.hasPrefix("0o") || text.hasPrefix("0b") {
            guard sign == nil else { throw Problem("a hexadecimal, octal or binary integer can't have a sign") }
            return .integer(try radixInteger(body.dropFirst(2), prefix: text.prefix(2)))
        }
        if body.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .float(try decimalFloat(body, negative: sign == "-"))
        }
        let digits = try checkedDigits(body, allowLeadingZero: false, what: "integer")
        guard let value = Int64((sign == "-" ? "-" : "") + digits) else {
            throw Problem("this integer does not fit in 64 bits (-9223372036854775808 to 9223372036854775807)")
        }
        return .integer(value)
    }

    private static func radixInteger(_ body: ArraySlice<Unicode.Scalar>, prefix: Substring) throws(Problem) -> Int64 {
        let (radix, name): (Int, String) = switch prefix {
        case "0x": (16, "hexadecimal")
        case "0o": (8, "octal")
        default: (2, "binary")
        }
        let digits = try checkedDigits(body, allowLeadingZero: true, what: "\(name) integer", radix: radix)
        guard let value = UInt64(digits, radix: radix), value <= UInt64(Int64.max) else {
            throw Problem("this \(name) integer does not fit in 64 bits (at most 0x7FFFFFFFFFFFFFFF)")
        }
        return Int64(value)
    }

    /// `int[.frac][e[sign]exp]`, with TOML's rules: a digit on both sides of the point,
    /// no leading zero in the integer part.
    private static func decimalFloat(_ body: ArraySlice<Unicode.Scalar>, negative: Bool) throws(Problem) -> Double {
        var mantissa = body
        var exponent: ArraySlice<Unicode.Scalar>?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[(e + 1)...]
        }
        var integerPart = mantissa
        var fraction: ArraySlice<Unicode.Scalar>?
        if let point = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<point]
            fraction = mantissa[(point + 1)...]
        }
        guard !integerPart.isEmpty else { throw Problem("a float needs a digit before the decimal point") }
        var text = (negative ? "-" : "") + (try checkedDigits(integerPart, allowLeadingZero: false, what: "float"))
        if let fraction {
            guard !fraction.isEmpty else { throw Problem("a float needs a digit after the decimal point") }
            text += "." + (try checkedDigits(fraction, allowLeadingZero: true, what: "float"))
        }
        if var exponent {
            var exponentSign = ""
            if let first = exponent.first, first == "+" || first == "-" {
                exponentSign = String(first)
                exponent = exponent.dropFirst()
            }
            guard !exponent.isEmpty else { throw Problem("a float's exponent needs digits after the 'e'") }
            text += "e" + exponentSign + (try checkedDigits(exponent, allowLeadingZero: true, what: "float"))
        }
        guard let value = Double(text) else { throw Problem("this is not a valid float") }
        return value
    }

    /// The digits with underscores removed, after checking each underscore sits between two
    /// digits and every other character is a digit of `radix`.
    private static func checkedDigits(
        _ part: ArraySlice<Unicode.Scalar>, allowLeadingZero: Bool, what: String, radix: Int = 10
    ) throws(Problem) -> String {
        guard !part.isEmpty else { throw Problem("expected digits in this \(what)") }
        var digits = ""
        var afterUnderscoreOrStart = true
        for scalar in part {
            if scalar == "_" {
                guard !afterUnderscoreOrStart else { throw Problem("an underscore in a number must stand between two digits") }
                afterUnderscoreOrStart = true
                continue
            }
            guard scalar.isASCII, let digit = Int(String(scalar), radix: 16), digit < radix else {
                throw Problem("'\(scalar)' is not allowed in this \(what)")
            }
            digits.unicodeScalars.append(scalar)
            afterUnderscoreOrStart = false
        }
        guard !afterUnderscoreOrStart else { throw Problem("an underscore in a number must stand between two digits") }
        if !allowLeadingZero, digits.count > 1, digits.hasPrefix("0") {
            throw Problem("leading zeros are not allowed in this \(what)")
        }
        return digits
    }
}
