import SupervisionProtocol

/// What a ``Replicator`` needs of durable storage: its own log and its replicas.
///
/// ``EventStore`` is the implementation; a simulator wraps it to inject disk faults. Every
/// write is one durable transaction or nothing; a write that throws changed nothing.
public protocol ReplicaStore: AnyObject {
    /// Stores verified batches in one durable transaction.
    func append(_ batches: [VerifiedBatch], membershipVersion: Int) throws
    /// The version vector: for every origin held, the last seq and its hash.
    func heads() throws -> [String: LogHead]
    /// Events `from`…`through` of `origin`, at most `limit`, in order.
    func events(origin: String, from: UInt64, through: UInt64, limit: Int) throws -> [EventEnvelope]
    /// The checkpoint of `origin` with the smallest seq ≥ `seq`, if any.
    func checkpoint(origin: String, atOrAfter seq: UInt64) throws -> Checkpoint?
    /// The checkpoint of `origin` with the largest seq in `range`, if any.
    func lastCheckpoint(origin: String, in range: ClosedRange<UInt64>) throws -> Checkpoint?
    /// The hash of the event `origin`#`seq`, if held.
    func hash(origin: String, seq: UInt64) throws -> Hash256?
    /// `origin`'s events held with their payload withheld, in order.
    func withheld(origin: String) throws -> [WithheldEvent]
    /// Puts back payloads of events held withheld, where the event's hash matches, recording
    /// the membership version whose rights allowed them; returns how many.
    func refill(_ events: [EventEnvelope], membershipVersion: Int) throws -> Int
    /// Records that withheld events of `origin` are settled under `membershipVersion` (a holder
    /// of their payloads withheld them under the same rights).
    func settle(origin: String, seqs: [UInt64], membershipVersion: Int) throws
    /// Keeps evidence of an equivocation (idempotent per origin, seq and conflicting hash).
    func recordEquivocation(_ evidence: Equivocation) throws
    /// Every equivocation recorded, oldest first.
    func equivocations() throws -> [Equivocation]
}

/// An event held with its payload withheld.
public struct WithheldEvent: Sendable, Hashable {
    /// Its seq.
    public var seq: UInt64
    /// Its kind.
    public var kind: EventKind
    /// The membership version under which this node may not receive it, or 0 while unsettled
    /// (relayed by a node that held only the stub, or received under other rights).
    public var settledVersion: Int

    /// Creates the record of a withheld event.
    public init(seq: UInt64, kind: EventKind, settledVersion: Int) {
        self.seq = seq
        self.kind = kind
        self.settledVersion = settledVersion
    }
}

extension ReplicaStore {
    /// Events `from`…`through` of `origin`, in order.
    public func events(origin: String, from: UInt64, through: UInt64) throws -> [EventEnvelope] {
        try events(origin: origin, from: from, through: through, limit: .max)
    }
}
