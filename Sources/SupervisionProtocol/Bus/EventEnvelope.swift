/// One event of one department's append-only log (`Event` in bus.proto).
///
/// Events of an origin are numbered 1, 2, 3, … and chained: ``prevHash`` is the
/// ``computeHash()`` of event `seq - 1` (``Hash256/zero`` for event 1). The payload is
/// carried as the origin encoded it and is relayed byte for byte.
public struct EventEnvelope: Hashable, Sendable {
    /// Department id of the origin, `[a-z0-9-]{1,32}`.
    public var origin: String
    /// Position in the origin's log, from 1.
    public var seq: UInt64
    /// Hash of event `seq - 1` of the same origin; ``Hash256/zero`` for seq 1.
    public var prevHash: Hash256
    /// Origin's wall clock at append, milliseconds since the Unix epoch (informational).
    public var timestampMs: Int64
    /// Which payload message ``payload`` holds.
    public var kind: EventKind
    /// The encoded payload; empty when withheld (see ``isPayloadWithheld``).
    public var payload: [UInt8]
    /// SHA-256 of the payload as the origin encoded it.
    public var payloadHash: Hash256

    /// Makes an envelope with the given payload hash (use this to carry a withheld payload).
    public init(
        origin: String, seq: UInt64, prevHash: Hash256, timestampMs: Int64, kind: EventKind,
        payload: [UInt8], payloadHash: Hash256
    ) {
        self.origin = origin
        self.seq = seq
        self.prevHash = prevHash
        self.timestampMs = timestampMs
        self.kind = kind
        self.payload = payload
        self.payloadHash = payloadHash
    }

    /// Makes an envelope, computing ``payloadHash`` as SHA-256 of `payload`.
    public init(
        origin: String, seq: UInt64, prevHash: Hash256, timestampMs: Int64, kind: EventKind,
        payload: [UInt8]
    ) {
        self.init(
            origin: origin, seq: seq, prevHash: prevHash, timestampMs: timestampMs, kind: kind,
            payload: payload, payloadHash: Hash256.sha256(of: payload))
    }

    /// Whether the payload was withheld: empty, while ``payloadHash`` is not the hash of
    /// the empty string.
    public var isPayloadWithheld: Bool { payload.isEmpty && payloadHash != Hash256.ofEmpty }

    /// The same event with its payload removed (for a receiver not entitled to it); the
    /// hash of the event does not change.
    public func withholdingPayload() -> EventEnvelope {
        var copy = self
        copy.payload = []
        return copy
    }
}
