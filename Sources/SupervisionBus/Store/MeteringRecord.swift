/// Deliveries of one kind of event to one peer for one purpose: how many carried their
/// payload, how many had it withheld (the peer is not entitled), and the payload bytes sent.
public struct MeteringRecord: Sendable, Codable, Hashable {
    /// Why the events were sent.
    public enum Purpose: String, Sendable, Codable, Hashable, CaseIterable {
        /// Live push of this department's new events.
        case push
        /// A fetch reply (catch-up or gap repair), of any origin's events.
        case fetch
    }

    /// The receiving department.
    public var peer: String
    /// The event kind.
    public var kind: String
    /// Why they were sent.
    public var purpose: Purpose
    /// Events sent with their payload.
    public var delivered: UInt64
    /// Events sent with the payload withheld.
    public var withheld: UInt64
    /// Payload bytes sent.
    public var bytes: UInt64

    /// Creates a record.
    public init(peer: String, kind: String, purpose: Purpose, delivered: UInt64, withheld: UInt64, bytes: UInt64) {
        self.peer = peer
        self.kind = kind
        self.purpose = purpose
        self.delivered = delivered
        self.withheld = withheld
        self.bytes = bytes
    }
}
