/// The figures of one ``ScaleSimulation`` run: cost per agent, idle and in a burst, and the
/// invariants checked at its end.
public struct ScaleReport: Sendable, Codable, Hashable {
    /// The run's configuration.
    public var configuration: ScaleConfiguration
    /// Peers per agent (connections by scope): mean and most.
    public var peersMean: Double
    public var peersMax: Int
    /// Logs held per agent (its scope, its own included): mean and most.
    public var scopeMean: Double
    public var scopeMax: Int
    /// Idle, per agent per simulated second: messages sent (mean, and the busiest agent's),
    /// bytes sent (as encoded on the wire), HEAD entries sent.
    public var idleMessagesPerAgentSecond: Double
    public var idleMessagesBusiestAgentSecond: Double
    public var idleBytesPerAgentSecond: Double
    public var idleHeadEntriesPerAgentSecond: Double
    /// Real CPU time of the idle phase per agent per simulated second, in microseconds (the
    /// simulator's own work included: an upper bound on what an agent's replicator costs).
    public var idleCPUMicrosPerAgentSecond: Double
    /// Events the burst appended (every agent ``ScaleConfiguration/burstEvents``).
    public var burstEvents: Int
    /// Stores of each event across agents (the origin's own included), as measured and as the
    /// topology says (the mean number of holders of an origin's log, weighted by its events).
    public var storesPerEvent: Double
    public var storesPerEventByTopology: Double
    /// Messages sent during the burst until convergence, per event appended.
    public var burstMessagesPerEvent: Double
    /// Simulated milliseconds from the burst until every agent held every log of its scope to
    /// its origin's head (`nil`: not within ``ScaleConfiguration/maxConvergenceSeconds``).
    public var burstConvergedMs: Int64?
    /// Events stored from fetch replies (repair) rather than live pushes, all agents.
    public var repaired: Int
    /// Peer-state changes to evasive, silent or expired, all agents, all run.
    public var livenessChanges: Int
    /// Wall-clock seconds and process CPU seconds of the whole run.
    public var wallSeconds: Double
    public var cpuSeconds: Double
    /// Simulated seconds of the whole run.
    public var simulatedSeconds: Double
    /// What failed: same record everywhere within scope, nothing out of scope, nothing
    /// acknowledged lost, convergence.
    public var violations: [String]

    /// Whether every invariant held.
    public var passed: Bool { violations.isEmpty }
}
