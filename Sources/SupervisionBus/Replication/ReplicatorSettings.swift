/// Tuning of a ``Replicator``. Defaults suit a department agent on a LAN.
public struct ReplicatorSettings: Sendable, Codable, Hashable {
    /// Interval of HEAD announcements while something changes, which are also the liveness
    /// heartbeat.
    public var heartbeatMs: Int64 = 1000
    /// A peer whose view of this node's vector has not changed is sent a HEAD (an empty delta)
    /// only every this many heartbeats, and told so (`Head.next_within_ms`): idle traffic per
    /// peer is one small message per `idleHeartbeats` heartbeats. Peers that speak protocol
    /// version 1 get one every heartbeat.
    public var idleHeartbeats: Int64 = 10
    /// Most events in one batch (one checkpoint signature each), for pushes and fetch replies.
    public var maxBatchEvents: Int = 512
    /// Most payload bytes in one batch (also the largest payload an event may carry), so a
    /// batch always fits the 16 MiB frame limit of the protocol.
    public var maxBatchBytes: Int = 4 << 20
    /// Most events asked for in one fetch request (the bound on catch-up memory in flight).
    public var fetchWindowEvents: UInt32 = 16_384
    /// A fetch with no reply for this long is abandoned and retried, with another peer if possible.
    public var fetchTimeoutMs: Int64 = 3000
    /// Most events of out-of-order live batches held while a gap before them is repaired.
    public var reorderBufferEvents: Int = 8192

    /// The defaults.
    public init() {}
}
