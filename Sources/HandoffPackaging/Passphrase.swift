import HandoffCore

/// Passphrases for encrypted zips: five groups of five Crockford base-32 characters
/// (`7K2M9-QXA4D-...`), 125 random bits from the system generator.
///
/// Crockford's alphabet has no I, L, O or U, so a client can read it from a phone and type
/// it without guessing; the dashes are part of the passphrase, which keeps copy and paste
/// and typing the same.
enum Passphrase {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    static func generate(using generator: inout some RandomNumberGenerator) -> String {
        (0..<5).map { _ in RandomToken.crockford(length: 5, using: &generator) }.joined(separator: "-")
    }
}
