import SupervisionProtocol

/// Consecutive events of one origin that passed verification, with the checkpoint that covers them.
public struct VerifiedBatch: Sendable, Equatable {
    /// The events, consecutive, oldest first.
    public var events: [EventEnvelope]
    /// The event hash of each event, computed by the verifier.
    public var hashes: [Hash256]
    /// The origin's checkpoint over the last event.
    public var checkpoint: Checkpoint
    /// Whether its withheld events are settled: its sender held their payloads and applied this
    /// node's data rights (see ``EventBatch/rightsVersion``). Unsettled ones are stored with
    /// membership version 0, so that they are asked for again, also after a restart.
    public var settlesWithheld = true

    /// Creates a batch; only verified (or self-signed) events belong in one.
    public init(events: [EventEnvelope], hashes: [Hash256], checkpoint: Checkpoint) {
        self.events = events
        self.hashes = hashes
        self.checkpoint = checkpoint
    }
}
