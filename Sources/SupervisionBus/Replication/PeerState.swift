/// What a node knows of one peer.
public struct PeerStatus: Sendable, Codable, Hashable {
    /// Liveness, from the time since the peer was last heard from.
    public enum Liveness: String, Sendable, Codable {
        /// Never heard from since this node started.
        case unknown
        /// Heard from within the last 2 heartbeat intervals.
        case alive
        /// Not heard from for 2 heartbeat intervals.
        case evasive
        /// Not heard from for 5 heartbeat intervals: live push paused.
        case silent
        /// Not heard from for 10 heartbeat intervals: served only by catch-up when it returns.
        case expired
    }

    /// The peer's department id.
    public var department: String
    /// Liveness now.
    public var liveness: Liveness
    /// Milliseconds since the peer was last heard from (nil if never).
    public var silentForMs: Int64?
    /// Whether live push to it is paused because its queue was full or it fell behind.
    public var lagging: Bool
    /// The peer's last announced version vector (origin → seq).
    public var announced: [String: UInt64]
    /// Replication lag of the peer: events this node holds that the peer had not announced.
    public var behind: UInt64
    /// Replication lag of this node: events the peer announced that this node does not hold yet.
    public var ahead: UInt64
    /// Origins whose log as the peer holds it conflicts with this node's (equivocation): not
    /// fetched from it, not counted in the lags.
    public var conflicting: [String] = []
}

/// Mutable per-peer bookkeeping of a ``Replicator``.
struct PeerState {
    var lastHeardMs: Int64?
    var lagging = false
    /// When live push to it was last paused.
    var laggingSinceMs: Int64 = 0
    /// Origins it failed to serve (MISS, time-out, refused send) since its last announcement.
    var missed: Set<String> = []
    var announced: [String: LogHead] = [:]
    /// Announced heads beyond this node's at the time: compared with the held log once it
    /// reaches them (a different hash there is a fork, see `checkAnnounced`).
    var uncompared: Set<String> = []
    var helloSent = false

    func liveness(now: Int64, heartbeatMs: Int64) -> PeerStatus.Liveness {
        guard let lastHeardMs else { return .unknown }
        let silence = now - lastHeardMs
        if silence >= 10 * heartbeatMs { return .expired }
        if silence >= 5 * heartbeatMs { return .silent }
        if silence >= 2 * heartbeatMs { return .evasive }
        return .alive
    }
}
