/// Consecutive events of one origin ending at a checkpoint (`EventBatch` in bus.proto):
/// a live push (``requestId`` 0) or a fetch reply.
///
/// A decoded batch is structurally consistent (see ``validate()``); whether it chains
/// onto what the receiver holds and is signed by its origin is checked by
/// ``verifyChain(after:)`` and ``Checkpoint/verifySignature(publicKey:)``.
public struct EventBatch: Hashable, Sendable {
    /// Department id of the origin of every event.
    public var origin: String
    /// Events with consecutive seqs, oldest first; never empty.
    public var events: [EventEnvelope]
    /// The origin's checkpoint over the last event.
    public var checkpoint: Checkpoint
    /// 0 for a live push; the ``FetchRequest/requestId`` for a fetch reply.
    public var requestId: UInt64
    /// The membership version whose data rights the sender applied to the payloads it withheld
    /// while holding them; 0 when it relays a withheld event the receiver may be entitled to.
    public var rightsVersion: UInt64

    /// Makes a batch from its parts.
    public init(
        origin: String, events: [EventEnvelope], checkpoint: Checkpoint, requestId: UInt64 = 0,
        rightsVersion: UInt64 = 0
    ) {
        self.origin = origin
        self.events = events
        self.checkpoint = checkpoint
        self.requestId = requestId
        self.rightsVersion = rightsVersion
    }

    /// Seq of the first event (0 for an invalid, empty batch).
    public var firstSeq: UInt64 { events.first?.seq ?? 0 }
    /// Seq of the last event (0 for an invalid, empty batch).
    public var lastSeq: UInt64 { events.last?.seq ?? 0 }

    /// Checks the structural rules every batch obeys, without hashing: at least one
    /// event, every event of ``origin``, seqs consecutive, the checkpoint of ``origin`` at
    /// the last seq. Throws ``ProtocolError/Code/inconsistentBatch`` otherwise.
    public func validate() throws(ProtocolError) {
        guard let first = events.first else {
            throw ProtocolError(.inconsistentBatch, field: "events", "a batch holds at least one event")
        }
        var expected = first.seq
        for (index, event) in events.enumerated() {
            guard event.origin == origin else {
                throw ProtocolError(
                    .inconsistentBatch, field: "events[\(index)].origin", "differs from the batch origin")
            }
            guard event.seq == expected else {
                throw ProtocolError(
                    .inconsistentBatch, field: "events[\(index)].seq",
                    "is \(event.seq), expected \(expected): seqs must be consecutive")
            }
            expected &+= 1
        }
        guard checkpoint.origin == origin else {
            throw ProtocolError(.inconsistentBatch, field: "checkpoint.origin", "differs from the batch origin")
        }
        guard checkpoint.seq == lastSeq else {
            throw ProtocolError(
                .inconsistentBatch, field: "checkpoint.seq",
                "is \(checkpoint.seq), the last event is \(lastSeq)")
        }
    }
}
