/// SplitMix64: a small random number generator that gives the same numbers for the same
/// seed on every run and platform, so a test that found a failure can be run again to
/// show it, and a fuzz run is the same run every time.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes, eight from each number (one number per byte is slow in a debug build).
    public mutating func bytes(count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            let word = next()
            for shift in stride(from: 0, to: 64, by: 8) where index < count {
                out[index] = UInt8(truncatingIfNeeded: word >> UInt64(shift))
                index += 1
            }
        }
        return out
    }
}
