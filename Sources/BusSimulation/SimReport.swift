/// The outcome of one simulated run.
public struct SimReport: Sendable, Codable {
    /// The run's seed: `bus-sim --seed S` replays it.
    public var seed: UInt64
    /// Nodes and steps (before healing), and steps it took to heal.
    public var nodes: Int
    public var steps: Int
    public var healSteps: Int
    /// Faults injected, by kind (network-wide kinds count 1 when the run has them).
    public var faults: [SimFault: Int]
    /// Events acknowledged to the workload.
    public var appended: Int
    /// Append calls refused (own log recovering or conflicted, disk full).
    public var refusedAppends: Int
    /// Acknowledged events lost with the only store that held them (restore or lost disk before
    /// any peer had them): not a violation, counted.
    public var lostWithStore: Int
    /// Messages sent.
    public var messages: Int
    /// What failed: invariant, and a sentence naming the node, origin and seq.
    public var violations: [Violation]
    /// A digest of the whole run (faults, appends, final heads): equal for equal seeds.
    public var digest: String

    /// One failed invariant.
    public struct Violation: Sendable, Codable, Hashable {
        /// The invariant.
        public var invariant: SimInvariant
        /// What was seen.
        public var detail: String
    }

    /// Whether every invariant held.
    public var passed: Bool { violations.isEmpty }
}
