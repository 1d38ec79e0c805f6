/// SplitMix64: a small, fast, seeded random number generator for the register generator and for
/// tests (shuffles). It is not the draw's stream (see ``DrawStream``).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator with the given seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `0..<n` (Lemire's multiply-shift; tiny bias is fine for synthetic data).
    mutating func below(_ n: Int) -> Int {
        Int((UInt128(next()) * UInt128(n)) >> 64)
    }
}
