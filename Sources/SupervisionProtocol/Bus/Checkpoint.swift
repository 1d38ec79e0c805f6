/// The origin's Ed25519 signature over the hash of one of its events (`Checkpoint` in
/// bus.proto). Because each event names its predecessor's hash, a checkpoint at `seq`
/// vouches for events 1…`seq` of ``origin``.
public struct Checkpoint: Hashable, Sendable {
    /// Department id of the origin.
    public var origin: String
    /// Seq of the covered event (≥ 1).
    public var seq: UInt64
    /// Hash of event ``seq`` (``EventEnvelope/computeHash()``).
    public var eventHash: Hash256
    /// Ed25519 signature (64 bytes) over ``signingInput``.
    public var signature: [UInt8]
    /// Which of the origin's signing keys made the signature.
    public var keyId: UInt32

    /// Makes a checkpoint from its parts (see ``init(origin:seq:eventHash:keyId:signingWith:)``
    /// to sign one).
    public init(origin: String, seq: UInt64, eventHash: Hash256, signature: [UInt8], keyId: UInt32) {
        self.origin = origin
        self.seq = seq
        self.eventHash = eventHash
        self.signature = signature
        self.keyId = keyId
    }
}
