import SupervisionProtocol

/// Consecutive events of one origin that passed verification, with the checkpoint that covers them.
public struct VerifiedBatch: Sendable, Equatable {
    /// The events, consecutive, oldest first.
    public var events: [EventEnvelope]
    /// The event hash of each event, computed by the verifier.
    public var hashes: [Hash256]
    /// The origin's checkpoint over the last event.
    public var checkpoint: Checkpoint

    /// Creates a batch; only verified (or self-signed) events belong in one.
    public init(events: [EventEnvelope], hashes: [Hash256], checkpoint: Checkpoint) {
        self.events = events
        self.hashes = hashes
        self.checkpoint = checkpoint
    }
}
