import Crypto

extension EventEnvelope {
    /// The domain-separation prefix of the event hash input: `"JSEV1"` followed by 0x00.
    public static let hashDomain: [UInt8] = Array("JSEV1".utf8) + [0]

    /// The canonical event hash input (spec section "Event hash"):
    ///
    /// ```
    /// "JSEV1" 0x00 || u32be(len(origin)) || origin || u64be(seq) || prev_hash (32)
    ///   || i64be(timestamp_ms) || u32be(len(kind)) || kind || payload_hash (32)
    /// ```
    ///
    /// Lengths count UTF-8 bytes. The payload itself is not part of the input: its hash is,
    /// so the hash stays verifiable when the payload is withheld.
    public func hashInput() -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(6 + 4 + origin.utf8.count + 8 + 32 + 8 + 4 + kind.rawValue.utf8.count + 32)
        input.append(contentsOf: Self.hashDomain)
        input.appendBigEndian(UInt32(truncatingIfNeeded: origin.utf8.count))
        input.append(contentsOf: origin.utf8)
        input.appendBigEndian(seq)
        prevHash.withUnsafeBytes { input.append(contentsOf: $0) }
        input.appendBigEndian(UInt64(bitPattern: timestampMs))
        input.appendBigEndian(UInt32(truncatingIfNeeded: kind.rawValue.utf8.count))
        input.append(contentsOf: kind.rawValue.utf8)
        payloadHash.withUnsafeBytes { input.append(contentsOf: $0) }
        return input
    }

    /// The event hash: SHA-256 of ``hashInput()``. The next event's `prevHash`, the
    /// checkpoint's `eventHash` and HEAD entries name this value.
    public func computeHash() -> Hash256 {
        hashInput().withUnsafeBytes { Hash256.sha256(of: $0) }
    }

    /// Whether ``payloadHash`` is SHA-256 of ``payload``; `true` for a withheld payload
    /// (nothing to check).
    public var payloadHashMatches: Bool {
        if payload.isEmpty { return true }
        return Hash256.sha256(of: payload) == payloadHash
    }
}

extension [UInt8] {
    @inlinable
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
