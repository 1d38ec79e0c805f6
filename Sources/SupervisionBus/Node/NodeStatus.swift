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
    /// Whether the node serves and takes appends: its sockets are bound and its own log is
    /// recovered (see ``ownLog``).
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
}
