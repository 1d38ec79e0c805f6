import SupervisionBus
import SupervisionProtocol

/// A ``ReplicaStore`` in memory: what ``EventStore`` keeps in SQLite, kept in dictionaries, for
/// simulations of hundreds of agents where a file per agent would cost more than the bus itself.
///
/// Same semantics as ``EventStore`` for the replicator: a write is all or nothing (it cannot
/// fail here), an event is stored once per (origin, seq), a refill only fills a withheld event
/// of the same hash. Nothing survives the process: a crash of a node that uses one loses it.
public final class MemoryStore: ReplicaStore {
    private struct Stored {
        var event: EventEnvelope
        var hash: Hash256
        var membershipVersion: Int
    }

    private var logs: [String: [UInt64: Stored]] = [:]
    private var lastSeq: [String: UInt64] = [:]
    /// Per origin, checkpoints by seq and their seqs in order.
    private var checkpoints: [String: [UInt64: Checkpoint]] = [:]
    private var checkpointSeqs: [String: [UInt64]] = [:]
    private var evidence: [Equivocation] = []
    private var evidenceKeys: Set<String> = []

    /// Events stored, all origins together (withheld ones included).
    public private(set) var eventCount = 0

    /// An empty store.
    public init() {}

    public func append(_ batches: [VerifiedBatch], membershipVersion: Int) throws {
        for batch in batches {
            for (event, hash) in zip(batch.events, batch.hashes) where logs[event.origin]?[event.seq] == nil {
                let version = event.isPayloadWithheld && !batch.settlesWithheld ? 0 : membershipVersion
                logs[event.origin, default: [:]][event.seq] = Stored(
                    event: event, hash: hash, membershipVersion: version)
                lastSeq[event.origin] = max(lastSeq[event.origin] ?? 0, event.seq)
                eventCount += 1
            }
            let checkpoint = batch.checkpoint
            if checkpoints[checkpoint.origin]?[checkpoint.seq] == nil {
                var seqs = checkpointSeqs[checkpoint.origin] ?? []
                seqs.insert(checkpoint.seq, at: Self.firstIndex(in: seqs, atOrAfter: checkpoint.seq))
                checkpointSeqs[checkpoint.origin] = seqs
            }
            checkpoints[checkpoint.origin, default: [:]][checkpoint.seq] = checkpoint
        }
    }

    public func heads() throws -> [String: LogHead] {
        var heads: [String: LogHead] = [:]
        for (origin, seq) in lastSeq { heads[origin] = LogHead(seq: seq, hash: logs[origin]![seq]!.hash) }
        return heads
    }

    public func events(origin: String, from: UInt64, through: UInt64, limit: Int) throws -> [EventEnvelope] {
        guard let log = logs[origin], let last = lastSeq[origin], limit > 0 else { return [] }
        let end = min(through, last)
        guard max(from, 1) <= end else { return [] }
        var events: [EventEnvelope] = []
        for seq in max(from, 1)...end {
            guard let stored = log[seq] else { continue }
            events.append(stored.event)
            if events.count == limit { break }
        }
        return events
    }

    public func checkpoint(origin: String, atOrAfter seq: UInt64) throws -> Checkpoint? {
        guard let seqs = checkpointSeqs[origin] else { return nil }
        let index = Self.firstIndex(in: seqs, atOrAfter: seq)
        return index < seqs.count ? checkpoints[origin]![seqs[index]] : nil
    }

    public func lastCheckpoint(origin: String, in range: ClosedRange<UInt64>) throws -> Checkpoint? {
        guard let seqs = checkpointSeqs[origin] else { return nil }
        let index = Self.firstIndex(in: seqs, atOrAfter: range.upperBound)
        let candidate = index < seqs.count && seqs[index] == range.upperBound ? index : index - 1
        guard candidate >= 0, range.contains(seqs[candidate]) else { return nil }
        return checkpoints[origin]![seqs[candidate]]
    }

    public func hash(origin: String, seq: UInt64) throws -> Hash256? { logs[origin]?[seq]?.hash }

    public func withheld(origin: String) throws -> [WithheldEvent] {
        (logs[origin] ?? [:]).values.filter(\.event.isPayloadWithheld).sorted { $0.event.seq < $1.event.seq }.map {
            WithheldEvent(seq: $0.event.seq, kind: $0.event.kind, settledVersion: $0.membershipVersion)
        }
    }

    public func refill(_ events: [EventEnvelope], membershipVersion: Int) throws -> Int {
        var filled = 0
        for event in events where !event.payload.isEmpty && event.payloadHashMatches {
            guard let stored = logs[event.origin]?[event.seq], stored.event.payload.isEmpty,
                stored.hash == event.computeHash()
            else { continue }
            logs[event.origin]![event.seq] = Stored(
                event: event, hash: stored.hash, membershipVersion: membershipVersion)
            filled += 1
        }
        return filled
    }

    public func settle(origin: String, seqs: [UInt64], membershipVersion: Int) throws {
        for seq in seqs where logs[origin]?[seq]?.event.payload.isEmpty == true {
            logs[origin]![seq]!.membershipVersion = membershipVersion
        }
    }

    public func recordEquivocation(_ evidence: Equivocation) throws {
        let key = "\(evidence.origin)#\(evidence.seq)#\(evidence.otherHash.hex)"
        guard evidenceKeys.insert(key).inserted else { return }
        self.evidence.append(evidence)
    }

    public func equivocations() throws -> [Equivocation] { evidence }

    /// Every origin held and the number of its events held.
    public var logSizes: [String: Int] { logs.mapValues(\.count) }

    /// The index of the first of `seqs` (sorted) that is ≥ `seq`.
    private static func firstIndex(in seqs: [UInt64], atOrAfter seq: UInt64) -> Int {
        var low = 0
        var high = seqs.count
        while low < high {
            let mid = (low + high) / 2
            if seqs[mid] < seq { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
