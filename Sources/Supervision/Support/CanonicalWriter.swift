import Crypto

/// Writes the canonical byte encoding (big-endian integers, u16-length-prefixed UTF-8 strings)
/// into a buffer, optionally streaming it through SHA-256 in chunks.
struct CanonicalWriter {
    private(set) var bytes: [UInt8] = []
    private var hasher: SHA256?
    private let keepBytes: Bool

    init(hashing: Bool, keepBytes: Bool) {
        self.hasher = hashing ? SHA256() : nil
        self.keepBytes = keepBytes
        bytes.reserveCapacity(1 << 16)
    }

    mutating func u8(_ v: UInt8) { bytes.append(v); flushIfNeeded() }
    mutating func u16(_ v: Int) {
        let x = UInt16(clamping: v)
        bytes.append(UInt8(x >> 8))
        bytes.append(UInt8(x & 0xff))
    }
    mutating func u32(_ v: Int) {
        let x = UInt32(clamping: v)
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(x >> UInt32(shift) & 0xff)) }
    }
    mutating func u64(_ x: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(x >> UInt64(shift) & 0xff)) }
    }
    mutating func str(_ s: String) {
        u16(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
        flushIfNeeded()
    }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b); flushIfNeeded() }
    mutating func date(_ d: CivilDate) { u32(d.compact) }
    mutating func code(_ c: CreditCode) {
        let base = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 18))
        var v = c.packed
        let alphabet = CreditCode.alphabet
        for i in stride(from: 17, through: 0, by: -1) {
            bytes[base + i] = alphabet[Int(v & 31)]
            v >>= 5
        }
        flushIfNeeded()
    }

    private mutating func flushIfNeeded() {
        if !keepBytes, bytes.count >= 1 << 16 {
            hasher?.update(data: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Lower-case hex SHA-256 of everything written.
    mutating func finishHash() -> String {
        if keepBytes {
            return Hex.encode(SHA256.hash(data: bytes))
        }
        hasher?.update(data: bytes)
        bytes.removeAll()
        return Hex.encode(hasher!.finalize())
    }
}
