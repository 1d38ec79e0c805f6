import Foundation

extension EventEnvelope {
    /// Decodes and validates one `Event` encoded on its own (see ``validate()``).
    /// Unknown fields are ignored.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        try self.init(wire: decodeWire(Jointsupervision_V1_Event.self, bytes, what: "Event"))
    }

    /// The protobuf encoding of the event as an `Event` message.
    public func serializedBytes() -> [UInt8] {
        encodeWire(wire)
    }

    /// Checks the rules every event obeys on its own: valid origin and kind, seq ≥ 1,
    /// and a zero `prevHash` for seq 1. (Hash lengths are checked by decoding.)
    public func validate() throws(ProtocolError) {
        try checkDepartment(origin, "origin")
        guard seq >= 1 else { throw .invalid("seq", "must be at least 1") }
        if seq == 1, !prevHash.isZero { throw .invalid("prev_hash", "must be 32 zero bytes for seq 1") }
        guard WireSyntax.isEventKind(kind.rawValue) else {
            throw .invalid(
                "kind", kind.rawValue.isEmpty ? "must not be empty" : "is not an event kind ([a-z0-9.-]{1,64})")
        }
    }

    init(wire: Jointsupervision_V1_Event) throws(ProtocolError) {
        self.init(
            origin: wire.origin,
            seq: wire.seq,
            prevHash: try Hash256.field(wire.prevHash, "prev_hash"),
            timestampMs: wire.timestampMs,
            kind: EventKind(rawValue: wire.kind),
            payload: [UInt8](wire.payload),
            payloadHash: try Hash256.field(wire.payloadHash, "payload_hash"))
        try validate()
    }

    var wire: Jointsupervision_V1_Event {
        var wire = Jointsupervision_V1_Event()
        wire.origin = origin
        wire.seq = seq
        wire.prevHash = prevHash.data
        wire.timestampMs = timestampMs
        wire.kind = kind.rawValue
        wire.payload = Data(payload)
        wire.payloadHash = payloadHash.data
        return wire
    }
}
