/// What one simulated run does: its seed, its size, and how often each fault strikes.
public struct SimConfiguration: Sendable, Hashable {
    /// The seed every random choice of the run derives from.
    public var seed: UInt64
    /// Nodes on the bus (4 to 16).
    public var nodes: Int
    /// Steps of 10 simulated milliseconds before the network heals.
    public var steps: Int
    /// Most steps allowed after healing for every node to converge.
    public var healSteps = 6000
    /// Probability per step that some node appends a batch of events.
    public var appendRate = 0.3
    /// Probability per step of each fault kind.
    public var faults = FaultRates()

    /// A run of `nodes` nodes for `steps` steps from `seed`, with the default fault rates.
    public init(seed: UInt64, nodes: Int = 5, steps: Int = 2000) {
        self.seed = seed
        self.nodes = nodes
        self.steps = steps
    }
}

/// Probability per step of each fault (a run draws its message loss, duplication and delay
/// from its seed too, so seeds differ in how hostile the network is).
public struct FaultRates: Sendable, Hashable {
    /// A node crashes (kill -9) and restarts later.
    public var crash = 0.002
    /// The network splits in two for a while, both ways.
    public var partition = 0.002
    /// One direction between two groups is cut for a while.
    public var oneWayCut = 0.002
    /// A node's store is copied (a backup) while it runs.
    public var backup = 0.003
    /// A node is stopped and restarted on its last backup.
    public var restore = 0.0007
    /// A node is stopped and restarted on an empty store (a lost disk).
    public var loseStore = 0.0004
    /// A node's disk is full for a while.
    public var diskFull = 0.001
    /// A second process with a node's keys starts on a copy of its store and takes over its endpoint.
    public var twin = 0.0002
    /// The membership changes one member's data rights.
    public var rightsChange = 0.001
    /// A department joins the membership (a new node on an empty store), or one of more than
    /// four leaves it (its process stops for good).
    public var memberChange = 0.0008

    /// The defaults.
    public init() {}
}
