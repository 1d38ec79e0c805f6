/// What an audit found of one origin's log in the store.
public struct OriginAudit: Sendable, Codable, Hashable {
    /// The origin (department id).
    public var origin: String
    /// Event rows held.
    public var events: Int
    /// The highest seq held (0 when none).
    public var lastSeq: UInt64
    /// Checkpoint rows held.
    public var checkpoints: Int
    /// Events held with their payload withheld (not this department's to receive).
    public var withheldPayloads: Int

    /// Creates an origin summary.
    public init(origin: String, events: Int = 0, lastSeq: UInt64 = 0, checkpoints: Int = 0, withheldPayloads: Int = 0) {
        self.origin = origin
        self.events = events
        self.lastSeq = lastSeq
        self.checkpoints = checkpoints
        self.withheldPayloads = withheldPayloads
    }
}
