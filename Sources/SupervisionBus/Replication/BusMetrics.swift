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
    /// Messages with a frame over the protocol's 16 MiB (dropped; the connection stays).
    public var oversized: UInt64 = 0
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
    /// Connections of this node's DEALERs to its peers that were lost (peer restarts, network
    /// failures, a peer dropping the connection).
    public var disconnects: UInt64 = 0
    /// Connections the ZAP handler refused: a CURVE key not in the membership, another
    /// mechanism (NULL, PLAIN) or domain, or a malformed request.
    public var authenticationsRefused: UInt64 = 0
    /// Bus messages received from peers, and their bytes (frames as received, after CURVE).
    public var messagesReceived: UInt64 = 0
    public var bytesReceived: UInt64 = 0
    /// Bus messages sent to peers (queued on their connections), and their bytes.
    public var messagesSent: UInt64 = 0
    public var bytesSent: UInt64 = 0
    /// HEAD announcements sent, and the entries they carried.
    public var headsSent: UInt64 = 0
    public var headEntriesSent: UInt64 = 0
    /// Times a peer was judged evasive, silent or expired (each transition counted once).
    public var peersEvasive: UInt64 = 0
    public var peersSilent: UInt64 = 0
    public var peersExpired: UInt64 = 0
    /// Batches or announcements of origins outside this node's scope (not stored).
    public var outOfScope: UInt64 = 0

    /// All zero.
    public init() {}

    /// Decodes the counters; one an older agent does not report reads as 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> UInt64 { try container.decodeIfPresent(UInt64.self, forKey: key) ?? 0 }
        appended = try count(.appended)
        received = try count(.received)
        repaired = try count(.repaired)
        rejected = try count(.rejected)
        malformed = try count(.malformed)
        oversized = try count(.oversized)
        strangers = try count(.strangers)
        impersonations = try count(.impersonations)
        membershipsRefused = try count(.membershipsRefused)
        duplicates = try count(.duplicates)
        fetchesSent = try count(.fetchesSent)
        fetchesServed = try count(.fetchesServed)
        sendsRefused = try count(.sendsRefused)
        disconnects = try count(.disconnects)
        authenticationsRefused = try count(.authenticationsRefused)
        equivocations = try count(.equivocations)
        refilled = try count(.refilled)
        messagesReceived = try count(.messagesReceived)
        bytesReceived = try count(.bytesReceived)
        messagesSent = try count(.messagesSent)
        bytesSent = try count(.bytesSent)
        headsSent = try count(.headsSent)
        headEntriesSent = try count(.headEntriesSent)
        peersEvasive = try count(.peersEvasive)
        peersSilent = try count(.peersSilent)
        peersExpired = try count(.peersExpired)
        outOfScope = try count(.outOfScope)
    }
}
