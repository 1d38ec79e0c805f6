/// One row of `bus-bench scale`: N real agents in one membership shape.
struct ScaleRow: Codable {
    var agents: Int
    /// `flat` (every agent at city level, one scope) or `city` (city departments and district bureaus).
    var shape: String
    /// City departments, districts (0 for flat).
    var cityDepartments: Int
    var districts: Int
    /// ESTABLISHED TCP connections to the agents' bus ports (from /proc/net/tcp, each counted once).
    var connections: Int
    /// Connections if every agent connected to its ``Topology/peers(of:)`` only (N(N−1) for flat).
    var connectionsByScope: Int
    /// From starting the first process until every agent was ready and saw its peers alive.
    var startSeconds: Double
    /// Idle with empty stores, right after connecting; idle again after the burst (stores full).
    var idle: IdleWindow
    var idleFull: IdleWindow
    var burst: BurstResult
    var restart: RestartResult
    var loadAverageStart: Double
    var loadAverageEnd: Double
}

/// An idle window: nobody appends.
struct IdleWindow: Codable {
    var seconds: Double
    /// utime + stime of every agent process over the window, as % of one core.
    var cpuPercent: Double
    /// The same per agent.
    var cpuPercentPerAgent: Double
    /// Bus bytes and messages every agent sent (``BusMetrics/bytesSent``), per second, summed.
    var bytesSentPerSecond: Double
    var messagesSentPerSecond: Double
    /// HEAD entries each agent sent per second (mean over agents).
    var headEntriesPerAgentPerSecond: Double
    /// Peers judged evasive, silent or expired during the window (summed over agents): an idle
    /// bus should have none.
    var liveness: LivenessChanges
}

/// Transitions of peer liveness (``BusMetrics/peersEvasive`` …), summed over agents.
struct LivenessChanges: Codable {
    var evasive: UInt64
    var silent: UInt64
    var expired: UInt64
    var total: UInt64 { evasive + silent + expired }
}

/// Every agent appends K events at once (`load`, rate 0).
struct BurstResult: Codable {
    var eventsPerAgent: Int
    var size: Int
    /// N × K.
    var events: Int
    /// From the first `load` request until every agent held every event of every origin in its scope.
    var seconds: Double
    var converged: Bool
    /// Events agents stored from peers (``BusMetrics/received`` + ``BusMetrics/repaired``), and
    /// the share of them pushed live (the rest fetched).
    var deliveries: UInt64
    var live: UInt64
    var fetched: UInt64
    var fetchesSent: UInt64
    /// Deliveries ÷ events; and what they would be if every event reached only the agents whose
    /// scope holds its origin (N − 1 for flat).
    var deliveriesPerEvent: Double
    var deliveriesPerEventByScope: Double
    /// CPU (utime + stime) of all agents during the burst ÷ deliveries.
    var cpuMicrosPerDelivery: Double
    var cpuSeconds: Double
    /// Deliveries × the reference cost per delivery ÷ cores: the shortest the burst could take
    /// with the machine's cores busy on deliveries only; and seconds ÷ that.
    var floorMicrosPerDelivery: Double
    var floorSeconds: Double
    var ratioToFloor: Double
    /// Bus bytes all agents sent during the burst.
    var bytesSent: UInt64
    var liveness: LivenessChanges
}

/// One agent stopped (SIGTERM) and started again on its store.
struct RestartResult: Codable {
    var agent: String
    /// SIGTERM until it exited.
    var stopSeconds: Double
    /// Start of the new process until its status answered `ready` (own log recovered).
    var readySeconds: Double
    var ready: Bool
}

/// What `bus-bench scale` prints with `--json`.
struct ScaleReport: Codable {
    var cores: Int
    var heartbeatMs: Int64
    var idleSeconds: Double
    var rows: [ScaleRow]
}
