import SupervisionProtocol

/// An event to append: its kind and payload. The replicator numbers, chains and signs it.
public struct EventDraft: Sendable, Hashable {
    /// Kind of payload, e.g. `intent`.
    public var kind: EventKind
    /// Payload bytes.
    public var payload: [UInt8]

    /// Creates a draft.
    public init(kind: EventKind, payload: [UInt8]) {
        self.kind = kind
        self.payload = payload
    }
}
