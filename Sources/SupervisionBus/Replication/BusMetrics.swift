/// Counters of a node since it started.
public struct BusMetrics: Sendable, Codable, Hashable {
    /// Events this department appended to its own log.
    public var appended: UInt64 = 0
    /// Peers' events stored from live pushes.
    public var received: UInt64 = 0
    /// Peers' events stored from fetch replies (gap repair and catch-up).
    public var repaired: UInt64 = 0
    /// Batches rejected by verification (forged, altered, reordered, forked). Never stored or relayed.
    public var rejected: UInt64 = 0
    /// Messages that did not decode or had the wrong framing.
    public var malformed: UInt64 = 0
    /// Messages from senders that are not members (or whose HELLO names another department).
    public var strangers: UInt64 = 0
    /// Messages whose routing id claimed another department than the authenticated key's (dropped).
    public var impersonations: UInt64 = 0
    /// Membership documents refused (unsigned, mis-signed, expired, malformed).
    public var membershipsRefused: UInt64 = 0
    /// Batches ignored because everything in them was already held.
    public var duplicates: UInt64 = 0
    /// Fetch requests sent.
    public var fetchesSent: UInt64 = 0
    /// Fetch requests answered with events.
    public var fetchesServed: UInt64 = 0
    /// Messages that could not be sent because a peer's queue was full.
    public var sendsRefused: UInt64 = 0
    /// Validly signed batches that contradict a held log: evidence that an origin signed two
    /// different events at one seq (kept in the store, see ``Equivocation``).
    public var equivocations: UInt64 = 0
    /// Withheld payloads filled in later (after this node's data rights grew).
    public var refilled: UInt64 = 0

    /// All zero.
    public init() {}
}
