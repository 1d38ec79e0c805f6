/// A reference to one event: `(origin, seq)` names it on every node (`EventRef` in
/// domain.proto).
public struct EventRef: Hashable, Sendable {
    /// Department id of the event's origin.
    public var origin: String
    /// The event's seq in that origin's log (≥ 1).
    public var seq: UInt64

    /// Makes a reference.
    public init(origin: String, seq: UInt64) {
        self.origin = origin
        self.seq = seq
    }
}
