/// A payload message of domain.proto, carried encoded in ``EventEnvelope/payload`` and
/// selected by ``EventEnvelope/kind``.
public protocol EventPayload: Hashable, Sendable {
    /// The event kind whose payload this type is.
    static var kind: EventKind { get }
    /// Decodes and validates a payload; throws ``ProtocolError`` on malformed bytes or
    /// invalid fields. Unknown fields (from a later version) are ignored.
    init(serializedBytes bytes: [UInt8]) throws(ProtocolError)
    /// The protobuf encoding of the payload.
    func serializedBytes() -> [UInt8]
}

extension EventPayload {
    /// Decodes the payload of `event`. Throws ``ProtocolError/Code/wrongKind`` when the
    /// event is of another kind, and ``ProtocolError/Code/invalidField`` when its payload
    /// was withheld.
    public init(event: EventEnvelope) throws(ProtocolError) {
        guard event.kind == Self.kind else {
            throw ProtocolError(.wrongKind, field: "kind", "is \(event.kind), expected \(Self.kind)")
        }
        guard !event.isPayloadWithheld else {
            throw ProtocolError.invalid("payload", "was withheld from this node")
        }
        try self.init(serializedBytes: event.payload)
    }
}

extension EventEnvelope {
    /// Makes an envelope for `payload`, encoding it and computing its hash.
    public init(
        origin: String, seq: UInt64, prevHash: Hash256, timestampMs: Int64, payload: some EventPayload
    ) {
        self.init(
            origin: origin, seq: seq, prevHash: prevHash, timestampMs: timestampMs,
            kind: type(of: payload).kind, payload: payload.serializedBytes())
    }
}
