import Supervision

/// The simulator's only source of randomness: the domain's SplitMix64 from one seed, so a seed
/// replays a run.
public struct SimRandom: RandomNumberGenerator, Sendable {
    private var generator: SeededGenerator

    /// A generator seeded with `seed`.
    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { p > 0 && Double.random(in: 0..<1, using: &self) < p }

    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniform element of `items` (which must not be empty).
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
