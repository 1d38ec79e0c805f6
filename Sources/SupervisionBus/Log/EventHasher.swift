import Crypto

/// The canonical hashing and signing inputs of the bus (Protocols/spec/1-JSB.md, "Hashes").
///
/// ```
/// event_hash  = SHA-256("JSEV1" 0x00 || u32be(len origin) || origin || u64be(seq) || prev_hash
///                       || i64be(timestamp_ms) || u32be(len kind) || kind || payload_hash)
/// signing_input = "JSCP1" 0x00 || u32be(len origin) || origin || u64be(seq) || event_hash
/// ```
public enum EventHasher {
    /// The event hash of `event` (its `hash` field is ignored).
    public static func eventHash(_ event: LogEvent) -> [UInt8] {
        var hasher = SHA256()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(96 + event.origin.utf8.count + event.kind.utf8.count)
        buffer.append(contentsOf: "JSEV1".utf8)
        buffer.append(0)
        appendString(event.origin, to: &buffer)
        appendInteger(event.seq, to: &buffer)
        buffer.append(contentsOf: event.prevHash)
        appendInteger(UInt64(bitPattern: event.timestampMs), to: &buffer)
        appendString(event.kind, to: &buffer)
        buffer.append(contentsOf: event.payloadHash)
        hasher.update(data: buffer)
        return Array(hasher.finalize())
    }

    /// The bytes an origin signs to vouch for its log up to `seq`, whose last event has `eventHash`.
    public static func checkpointSigningInput(origin: String, seq: UInt64, eventHash: [UInt8]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(52 + origin.utf8.count)
        buffer.append(contentsOf: "JSCP1".utf8)
        buffer.append(0)
        appendString(origin, to: &buffer)
        appendInteger(seq, to: &buffer)
        buffer.append(contentsOf: eventHash)
        return buffer
    }

    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    private static func appendString(_ string: String, to buffer: inout [UInt8]) {
        let utf8 = Array(string.utf8)
        appendInteger(UInt32(utf8.count), to: &buffer)
        buffer.append(contentsOf: utf8)
    }

    private static func appendInteger<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }
}
