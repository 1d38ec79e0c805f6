import CZeroMQ

/// Z85, ZeroMQ's printable encoding of binary data (RFC 32/Z85): 4 bytes become 5 characters.
///
/// ```swift
/// try Z85.encode([0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])   // "HelloWorld"
/// ```
public enum Z85 {
    /// Encodes `bytes`, whose count must be a multiple of 4 (`zmq_z85_encode`).
    /// - Throws: ``ZMQError`` with `EINVAL` for another length.
    public static func encode(_ bytes: [UInt8]) throws -> String {
        guard !bytes.isEmpty else { return "" }
        guard bytes.count % 4 == 0 else {
            throw ZMQError(operation: "zmq_z85_encode(\(bytes.count) bytes, not a multiple of 4)", errno: EINVAL)
        }
        var output = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        guard zmq_z85_encode(&output, bytes, bytes.count) != nil else {
            throw ZMQError.last("zmq_z85_encode(\(bytes.count) bytes)")
        }
        return String(decoding: output.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes Z85 `text`, whose length must be a multiple of 5 (`zmq_z85_decode`).
    /// - Throws: ``ZMQError`` with `EINVAL` for another length or a character outside Z85.
    public static func decode(_ text: String) throws -> [UInt8] {
        guard !text.isEmpty else { return [] }
        let length = text.utf8.count
        guard length % 5 == 0 else {
            throw ZMQError(operation: "zmq_z85_decode(\(length) characters, not a multiple of 5)", errno: EINVAL)
        }
        var output = [UInt8](repeating: 0, count: length * 4 / 5)
        guard zmq_z85_decode(&output, text) != nil else {
            throw ZMQError(operation: "zmq_z85_decode(\(length) characters, invalid Z85)", errno: EINVAL)
        }
        return output
    }
}
