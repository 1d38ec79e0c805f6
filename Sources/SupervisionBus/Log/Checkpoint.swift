/// An origin's Ed25519 signature over the hash of one of its events.
///
/// Because every event names its predecessor's hash, a checkpoint at `seq` vouches for the
/// origin's events 1…`seq`. Origins sign one checkpoint per appended batch, not per event.
public struct Checkpoint: Sendable, Hashable {
    /// The department whose log this checkpoint covers.
    public var origin: String
    /// The last event covered.
    public var seq: UInt64
    /// Hash of event `seq`.
    public var eventHash: [UInt8]
    /// Ed25519 signature over ``EventHasher/checkpointSigningInput(origin:seq:eventHash:)``.
    public var signature: [UInt8]
    /// Which of the origin's signing keys made the signature.
    public var keyID: UInt32

    /// Creates a checkpoint from its fields.
    public init(origin: String, seq: UInt64, eventHash: [UInt8], signature: [UInt8], keyID: UInt32 = 0) {
        self.origin = origin
        self.seq = seq
        self.eventHash = eventHash
        self.signature = signature
        self.keyID = keyID
    }
}
