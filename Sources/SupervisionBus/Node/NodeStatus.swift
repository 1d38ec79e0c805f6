import SupervisionProtocol

/// A snapshot of a node, as shown by `jointctl status` and the control API.
public struct NodeStatus: Sendable, Codable, Hashable {
    /// What the node holds of one origin.
    public struct Head: Sendable, Codable, Hashable {
        /// Last seq held.
        public var seq: UInt64
        /// Hash of that event, hex: equal hashes at equal seqs mean identical logs.
        public var hash: String
    }

    /// This node's department.
    public var department: String
    /// Whether the node serves and takes appends: its sockets are bound, its own log is
    /// recovered (see ``ownLog``) and its store can write.
    public var ready: Bool
    /// The version vector, with the log hash of every origin.
    public var heads: [String: Head]
    /// Every peer's state.
    public var peers: [PeerStatus]
    /// Counters since start.
    public var metrics: BusMetrics
    /// Highest local position in the merged stream.
    public var lastPosition: Int64
    /// The endpoint the bus ROUTER is bound to.
    public var busEndpoint: String
    /// The version of the membership document in force.
    public var membershipVersion: Int
    /// Whether connections are CURVE-encrypted and authenticated by the membership's keys.
    public var secure: Bool = true
    /// Where the node stands with its own log: recovering (appends wait), recovered, or conflicted.
    public var ownLog: OwnLogState = .recovering(waitingFor: [], held: 0, target: 0)
    /// Origins of which this node holds evidence of equivocation (two signed events at one seq).
    public var equivocatedOrigins: [String] = []
    /// Whether the store can write. False while its disk is full: the node is not ready and
    /// refuses appends (``BusError/Code/storeFull``), serves reads and stores what replication
    /// brings when it fits, and tries a write every second until one succeeds.
    public var storeWritable: Bool = true
    /// Why the node is not ready (`starting`, or why its store cannot write); nil when ready.
    public var notReadyReason: String?
}

extension NodeStatus.Head {
    /// What a node holds of one origin.
    public init(_ head: LogHead) { self.init(seq: head.seq, hash: head.hash.hex) }
}

extension NodeStatus {
    /// The status of a node serving `replicator` (its heads, peers, metrics and own log).
    public init(
        _ replicator: Replicator, nowMs: Int64, ready: Bool, lastPosition: Int64, busEndpoint: String,
        secure: Bool, storeWritable: Bool = true, notReadyReason: String? = nil
    ) {
        self.init(
            department: replicator.department, ready: ready, heads: replicator.heads.mapValues(Head.init),
            peers: replicator.peerStatuses(nowMs: nowMs), metrics: replicator.metrics, lastPosition: lastPosition,
            busEndpoint: busEndpoint, membershipVersion: replicator.policy.membershipVersion, secure: secure,
            ownLog: replicator.ownLog, equivocatedOrigins: replicator.equivocatedOrigins.sorted(),
            storeWritable: storeWritable, notReadyReason: notReadyReason)
    }

    /// Decodes; `secure` and `storeWritable` default to true and `notReadyReason` to none when
    /// absent (statuses of older nodes).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        department = try c.decode(String.self, forKey: .department)
        ready = try c.decode(Bool.self, forKey: .ready)
        heads = try c.decode([String: Head].self, forKey: .heads)
        peers = try c.decode([PeerStatus].self, forKey: .peers)
        metrics = try c.decode(BusMetrics.self, forKey: .metrics)
        lastPosition = try c.decode(Int64.self, forKey: .lastPosition)
        busEndpoint = try c.decode(String.self, forKey: .busEndpoint)
        membershipVersion = try c.decode(Int.self, forKey: .membershipVersion)
        secure = try c.decodeIfPresent(Bool.self, forKey: .secure) ?? true
        storeWritable = try c.decodeIfPresent(Bool.self, forKey: .storeWritable) ?? true
        notReadyReason = try c.decodeIfPresent(String.self, forKey: .notReadyReason)
        ownLog = try c.decodeIfPresent(OwnLogState.self, forKey: .ownLog) ?? .recovered
        equivocatedOrigins = try c.decodeIfPresent([String].self, forKey: .equivocatedOrigins) ?? []
    }
}
