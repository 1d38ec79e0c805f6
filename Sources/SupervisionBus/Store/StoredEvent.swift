import SupervisionProtocol

/// An event as stored locally, with its position in the local merged stream.
public struct StoredEvent: Sendable, Hashable {
    /// Local arrival position (1, 2, 3… per store; differs between agents).
    public var position: Int64
    /// The event.
    public var event: EventEnvelope
    /// Its event hash.
    public var hash: Hash256
}
