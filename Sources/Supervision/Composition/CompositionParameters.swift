/// Tunables of composition. Every number is a parameter with a documented default.
public struct CompositionParameters: Hashable, Sendable, Codable {
    /// How intents become visits.
    public enum Strategy: String, Hashable, Sendable, Codable {
        /// Merge every entity's intents whose windows share a working day (监管一件事).
        case joint
        /// One visit per intent: the naive baseline.
        case separate
    }

    /// The strategy (default ``Strategy/joint``).
    public var strategy: Strategy
    /// Minutes per inspector per visit for travel, opening and closing (default 60).
    public var setupMinutes: Int

    /// Creates parameters.
    public init(strategy: Strategy = .joint, setupMinutes: Int = 60) {
        self.strategy = strategy
        self.setupMinutes = setupMinutes
    }
}
