import SupervisionProtocol

/// What a node holds of one origin's log: events 1…`seq`, the last having `hash`.
public struct LogHead: Sendable, Hashable {
    /// The last seq held (0 = nothing).
    public var seq: UInt64
    /// Hash of that event (zero when `seq == 0`).
    public var hash: Hash256

    /// Creates a head.
    public init(seq: UInt64, hash: Hash256) {
        self.seq = seq
        self.hash = hash
    }

    /// The head of an empty log.
    public static let empty = LogHead(seq: 0, hash: .zero)
}
