import SupervisionBus
import SupervisionProtocol

/// An ``EventStore`` whose writes can be made to fail, as on a full disk: a failing write
/// changes nothing (SQLite rolls the transaction back); reads go on.
final class FaultyStore: ReplicaStore {
    let store: EventStore
    /// Whether writes fail.
    var full = false

    init(_ store: EventStore) { self.store = store }

    private func write() throws {
        if full { throw BusError(.storeUnusable, "simulated full disk (SQLITE_FULL)") }
    }

    func append(_ batches: [VerifiedBatch], membershipVersion: Int) throws {
        try write()
        try store.append(batches, membershipVersion: membershipVersion)
    }
    func heads() throws -> [String: LogHead] { try store.heads() }
    func events(origin: String, from: UInt64, through: UInt64, limit: Int) throws -> [EventEnvelope] {
        try store.events(origin: origin, from: from, through: through, limit: limit)
    }
    func checkpoint(origin: String, atOrAfter seq: UInt64) throws -> Checkpoint? {
        try store.checkpoint(origin: origin, atOrAfter: seq)
    }
    func lastCheckpoint(origin: String, in range: ClosedRange<UInt64>) throws -> Checkpoint? {
        try store.lastCheckpoint(origin: origin, in: range)
    }
    func hash(origin: String, seq: UInt64) throws -> Hash256? { try store.hash(origin: origin, seq: seq) }
    func withheld(origin: String) throws -> [WithheldEvent] { try store.withheld(origin: origin) }
    func refill(_ events: [EventEnvelope], membershipVersion: Int) throws -> Int {
        try write()
        return try store.refill(events, membershipVersion: membershipVersion)
    }
    func settle(origin: String, seqs: [UInt64], membershipVersion: Int) throws {
        try write()
        try store.settle(origin: origin, seqs: seqs, membershipVersion: membershipVersion)
    }
    func recordEquivocation(_ evidence: Equivocation) throws {
        try write()
        try store.recordEquivocation(evidence)
    }
    func equivocations() throws -> [Equivocation] { try store.equivocations() }
}
