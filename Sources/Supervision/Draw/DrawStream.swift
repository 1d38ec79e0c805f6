import Crypto

/// The portable pseudo-random stream of the draw: SHA-256 in counter mode over the published
/// seed and a domain-separation tag.
///
/// Block `i` (i = 0, 1, 2, …) is
/// `SHA-256( u32be(len(seed)) ‖ seed ‖ u32be(len(tag)) ‖ UTF-8(tag) ‖ u64be(i) )`;
/// each block yields four 64-bit words, read big-endian from bytes 0–7, 8–15, 16–23, 24–31.
/// ``uniform(below:)`` draws an unbiased integer by rejection sampling. See docs/Supervision.md.
public struct DrawStream {
    private let base: SHA256
    private var counter: UInt64 = 0
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var used = 4

    /// A stream for `seed` and `tag`.
    public init(seed: DrawSeed, tag: String) {
        var h = SHA256()
        let tagBytes = Array(tag.utf8)
        h.update(data: DrawStream.u32(seed.bytes.count))
        h.update(data: seed.bytes)
        h.update(data: DrawStream.u32(tagBytes.count))
        h.update(data: tagBytes)
        self.base = h
    }

    /// A stream whose tag is `prefix` followed by `suffix`, with the hashing of seed and prefix
    /// done once in `base` (see ``prefixHasher(seed:tagPrefix:suffixLength:)``).
    init(base: SHA256, suffix: [UInt8]) {
        var h = base
        h.update(data: suffix)
        self.base = h
    }

    /// The hasher state after `u32(len seed) ‖ seed ‖ u32(len tag) ‖ prefix`, for tags of
    /// `prefix.count + suffixLength` bytes.
    static func prefixHasher(seed: DrawSeed, tagPrefix: [UInt8], suffixLength: Int) -> SHA256 {
        var h = SHA256()
        h.update(data: u32(seed.bytes.count))
        h.update(data: seed.bytes)
        h.update(data: u32(tagPrefix.count + suffixLength))
        h.update(data: tagPrefix)
        return h
    }

    private static func u32(_ v: Int) -> [UInt8] {
        let x = UInt32(truncatingIfNeeded: v)
        return [UInt8(x >> 24), UInt8(x >> 16 & 0xff), UInt8(x >> 8 & 0xff), UInt8(x & 0xff)]
    }

    /// The next 64-bit word.
    public mutating func nextWord() -> UInt64 {
        if used == 4 { refill() }
        defer { used += 1 }
        switch used {
        case 0: return words.0
        case 1: return words.1
        case 2: return words.2
        default: return words.3
        }
    }

    /// An integer uniform in `0..<n` (`n >= 1`): draw words `x` until
    /// `x < 2⁶⁴ − (2⁶⁴ mod n)`, then return `x mod n`. Always consumes at least one word.
    public mutating func uniform(below n: Int) -> Int {
        precondition(n >= 1)
        let m = UInt64(n)
        let rem = (UInt64.max % m &+ 1) % m  // 2^64 mod m
        while true {
            let x = nextWord()
            if rem == 0 || x <= UInt64.max - rem { return Int(x % m) }
        }
    }

    private mutating func refill() {
        var h = base
        var c = counter.bigEndian
        withUnsafeBytes(of: &c) { h.update(bufferPointer: $0) }
        let digest = h.finalize()
        digest.withUnsafeBytes { raw in
            func word(_ i: Int) -> UInt64 {
                var v: UInt64 = 0
                for j in 0..<8 { v = v << 8 | UInt64(raw[i * 8 + j]) }
                return v
            }
            words = (word(0), word(1), word(2), word(3))
        }
        counter += 1
        used = 0
    }
}
