/// Tuning of a ``Replicator``. Defaults suit a department agent on a LAN.
public struct ReplicatorSettings: Sendable, Codable, Hashable {
    /// Interval of HEAD announcements, which are also the liveness heartbeat.
    public var heartbeatMs: Int64 = 1000
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
