import Foundation

extension Checkpoint {
    /// The length of an Ed25519 signature: 64 bytes.
    public static let signatureByteCount = 64

    /// Decodes and validates one `Checkpoint` encoded on its own (see ``validate()``).
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        try self.init(wire: decodeWire(Jointsupervision_V1_Checkpoint.self, bytes, what: "Checkpoint"))
    }

    /// The protobuf encoding as a `Checkpoint` message.
    public func serializedBytes() -> [UInt8] {
        encodeWire(wire)
    }

    /// Checks a valid origin, seq ≥ 1 and a 64-byte signature (it does not verify it).
    public func validate() throws(ProtocolError) {
        try checkDepartment(origin, "origin")
        guard seq >= 1 else { throw .invalid("seq", "must be at least 1") }
        guard signature.count == Self.signatureByteCount else {
            throw .invalid("signature", "must be 64 bytes, is \(signature.count)")
        }
    }

    init(wire: Jointsupervision_V1_Checkpoint) throws(ProtocolError) {
        self.init(
            origin: wire.origin, seq: wire.seq, eventHash: try Hash256.field(wire.eventHash, "event_hash"),
            signature: [UInt8](wire.signature), keyId: wire.keyID)
        try validate()
    }

    var wire: Jointsupervision_V1_Checkpoint {
        var wire = Jointsupervision_V1_Checkpoint()
        wire.origin = origin
        wire.seq = seq
        wire.eventHash = eventHash.data
        wire.signature = Data(signature)
        wire.keyID = keyId
        return wire
    }
}
