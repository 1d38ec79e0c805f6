import Crypto

/// A 32-byte SHA-256 value: an event hash, a payload hash, a plan hash.
///
/// Stored inline as four words (no allocation), so that comparing and hashing event
/// hashes on the hot path is cheap. Byte order is preserved: ``bytes`` returns exactly the
/// 32 bytes it was made from.
public struct Hash256: Hashable, Sendable, CustomStringConvertible {
    // The 32 bytes as four big-endian words, w0 holding bytes 0...7.
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    /// The number of bytes of a hash: 32.
    public static let byteCount = 32

    /// 32 zero bytes: the `prev_hash` of event 1 and the hash of an empty head.
    public static let zero = Hash256(w0: 0, w1: 0, w2: 0, w3: 0)

    /// SHA-256 of the empty byte string: the `payload_hash` of an empty payload.
    public static let ofEmpty = Hash256.sha256(of: [])

    @inlinable
    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// Makes a hash from a raw buffer, or `nil` when it is not exactly 32 bytes long.
    @inlinable
    public init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count == 32 else { return nil }
        w0 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        w1 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        w2 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        w3 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// Makes a hash from 32 bytes, or `nil` when `bytes` is not exactly 32 bytes long.
    @inlinable
    public init?(bytes: [UInt8]) {
        guard let hash = bytes.withUnsafeBytes({ Hash256($0) }) else { return nil }
        self = hash
    }

    /// Makes a hash from a SHA-256 digest.
    public init(_ digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { Hash256($0)! }
    }

    /// Makes a hash from 64 hexadecimal digits (either case), or `nil`.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            guard let high = Self.nibble(utf8[2 * index]), let low = Self.nibble(utf8[2 * index + 1])
            else { return nil }
            bytes[index] = high << 4 | low
        }
        self.init(bytes: bytes)
    }

    /// SHA-256 of `data`.
    public static func sha256(of data: [UInt8]) -> Hash256 {
        data.withUnsafeBytes { sha256(of: $0) }
    }

    /// SHA-256 of `data`.
    public static func sha256(of data: UnsafeRawBufferPointer) -> Hash256 {
        var hasher = SHA256()
        hasher.update(bufferPointer: data)
        return Hash256(hasher.finalize())
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            withUnsafeBytes { buffer.baseAddress!.update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: 32) }
            count = 32
        }
    }

    /// Calls `body` with the 32 bytes, without allocating.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var words = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        return try Swift.withUnsafeBytes(of: &words) { (raw) throws(E) -> R in try body(raw) }
    }

    /// Whether this is ``zero``.
    public var isZero: Bool { w0 | w1 | w2 | w3 == 0 }

    /// 64 lowercase hexadecimal digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        withUnsafeBytes { raw in
            for byte in raw {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ``hex`` form.
    public var description: String { hex }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
