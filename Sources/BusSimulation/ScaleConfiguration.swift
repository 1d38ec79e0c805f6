/// What one scale run of the simulator does: how many agents in which shape of membership, how
/// long they idle, and how large a burst they then write (see ``ScaleSimulation``).
public struct ScaleConfiguration: Sendable, Hashable, Codable {
    /// The shape of the membership.
    public enum Shape: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every agent at city level: one scope, every agent holds every log.
        case flat
        /// City departments and districts of bureaus (`CityShape.city`): replication by scope.
        case city
    }

    /// Simulated agents.
    public var agents: Int
    /// The membership's shape.
    public var shape: Shape
    /// The seed of keys and network delays.
    public var seed: UInt64 = 1
    /// Simulated seconds of idle heartbeats measured (after start-up and one event per agent).
    public var idleSeconds = 10
    /// Events every agent appends at once in the burst.
    public var burstEvents = 10
    /// Payload bytes of each event.
    public var payloadBytes = 1024
    /// The heartbeat (HEAD interval), in simulated milliseconds.
    public var heartbeatMs: Int64 = 1000
    /// Most simulated seconds allowed for start-up, the first events and the burst to converge.
    public var maxConvergenceSeconds = 120

    /// `agents` agents of `shape`, with the defaults.
    public init(agents: Int, shape: Shape) {
        self.agents = agents
        self.shape = shape
    }
}
