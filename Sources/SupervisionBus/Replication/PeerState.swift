import Foundation

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
        /// Not heard from for 5 heartbeat intervals (and unusually so, see ``PeerState``).
        case silent
        /// Not heard from for 10 heartbeat intervals (and unusually so): live push paused, it is
        /// served by catch-up when it returns.
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
    /// What this node believes the peer holds: its announcements, lowered by its MISSes.
    var announced: [String: LogHead] = [:] { didSet { announcedChanges &+= 1 } }
    /// Counts changes of ``announced`` (what derives from it is recomputed only then).
    var announcedChanges: UInt64 = 0
    /// Its vector exactly as its HEADs told it, which its digests cover.
    var told: [String: LogHead] = [:]
    /// ``Head/digest(of:)`` of ``told``, kept while it does not change (`nil`: to compute).
    var toldDigest: [UInt8]?
    /// Origins whose ``announced`` head a MISS lowered below ``told`` until its next HEAD.
    var lowered: Set<String> = []
    /// Announced heads beyond this node's at the time: compared with the held log once it
    /// reaches them (a different hash there is a fork, see `checkAnnounced`).
    var uncompared: Set<String> = []
    var helloSent = false
    /// Whether its HELLO said protocol version 2 or more: it takes HEAD deltas.
    var takesDeltas = false
    /// What this node last announced to it, which the next delta is taken against (`nil`: send
    /// the whole vector).
    var sent: [String: LogHead]?
    /// The replicator's count of head changes when ``sent`` last became its whole vector.
    var sentAtChanges: UInt64 = .max
    /// Arrival times of its announcements, for the accrual failure detector.
    var arrivals = ArrivalWindow()
    /// Whether the transport's connection to it is up (its ZMTP handshake done and no loss
    /// since), `nil` when the transport does not say.
    var connected: Bool?
    /// What its last HELLO or HEAD allowed beyond a heartbeat before its next HEAD
    /// (`next_within_ms` − heartbeat): silence within it is kept promise, not suspicion.
    var allowanceMs: Int64 = 0
    /// When this node last sent it a HEAD, and what it promised then (`next_within_ms`).
    var lastHeadSentMs: Int64 = .min
    var promisedMs: Int64 = 0

    /// Liveness at `now`: from the silence since it was last heard from, judged against how
    /// regularly its announcements have been arriving (``ArrivalWindow/phi(silenceMs:heartbeatMs:)``).
    /// A peer is never judged earlier than 2, 5 and 10 heartbeats of silence (evasive, silent,
    /// expired), and later when its announcements have been arriving irregularly (a loaded
    /// machine): the suspicion φ must also reach 3, 8 and 16. A peer is expired only while its
    /// connection is not up: one whose process still completes ZMTP heartbeats is busy, not gone.
    func liveness(now: Int64, heartbeatMs: Int64) -> PeerStatus.Liveness {
        guard let lastHeardMs else { return .unknown }
        let silence = now - lastHeardMs - allowanceMs
        guard silence >= 2 * heartbeatMs else { return .alive }
        let phi = arrivals.phi(silenceMs: silence, heartbeatMs: heartbeatMs)
        if silence >= 10 * heartbeatMs && phi >= 16 && connected != true { return .expired }
        if silence >= 5 * heartbeatMs && phi >= 8 { return .silent }
        if phi >= 3 { return .evasive }
        return .alive
    }
}

/// The recent intervals between a peer's announcements (HELLO, HEAD), for a φ accrual failure
/// detector (Hayashibara et al., as Cassandra and Akka use it): how unlikely the current
/// silence is, given how announcements have been arriving.
struct ArrivalWindow {
    /// Intervals kept.
    static let capacity = 32
    private var intervals: [Int64] = []
    private var next = 0
    private var lastMs: Int64?

    /// Records an announcement arriving at `nowMs`, `allowanceMs` beyond a heartbeat after the
    /// previous one promised it: the interval is kept as how late it came against the promise
    /// (plus a heartbeat), so announcements every heartbeat and idle ones every few look alike.
    mutating func record(atMs nowMs: Int64, allowanceMs: Int64 = 0) {
        defer { lastMs = nowMs }
        guard let lastMs, nowMs > lastMs else { return }
        let interval = max(nowMs - lastMs - allowanceMs, 1)
        if intervals.count < Self.capacity {
            intervals.append(interval)
        } else {
            intervals[next] = interval
            next = (next + 1) % Self.capacity
        }
    }

    /// φ = −log₁₀ P(an interval longer than `silenceMs`), with intervals taken as normally
    /// distributed around their mean (at least a heartbeat) with their standard deviation (at
    /// least a quarter heartbeat); the logistic approximation of the normal tail.
    func phi(silenceMs: Int64, heartbeatMs: Int64) -> Double {
        let count = Double(max(intervals.count, 1))
        let mean = max(Double(intervals.reduce(0, +)) / count, Double(heartbeatMs))
        let variance = intervals.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
        let deviation = max(variance.squareRoot(), Double(heartbeatMs) / 4)
        let y = (Double(silenceMs) - mean) / deviation
        let e = exp(-y * (1.5976 + 0.070566 * y * y))
        let p = Double(silenceMs) > mean ? e / (1 + e) : 1 - 1 / (1 + e)
        return -log10(max(p, .leastNormalMagnitude))
    }
}

/// The time liveness is judged by: the node's clock, except that a stall of the node itself (a
/// long store commit, a starved process) counts for at most half a heartbeat. A peer's silence
/// is then what the node could have heard, not how long it did not listen.
struct LivenessClock {
    private(set) var nowMs: Int64 = 0
    private var lastMs: Int64?

    mutating func advance(to realMs: Int64, heartbeatMs: Int64) {
        defer { lastMs = realMs }
        guard let lastMs else {
            nowMs = realMs
            return
        }
        nowMs += min(max(realMs - lastMs, 0), max(heartbeatMs / 2, 1))
    }
}
