import DequeModule
import Foundation

/// When a run of consecutive events of one origin was appended (by their origin) or durably
/// stored (by a replica), by this machine's wall clock: the raw material of the
/// append-to-durable-at-peer latency that `bus-bench` measures (control command `timings`).
///
/// Only meaningful between nodes whose clocks agree (agents on one machine); the bus never
/// acts on it.
public struct BatchTiming: Sendable, Codable, Hashable {
    /// The origin of the events.
    public var origin: String
    /// First seq of the run.
    public var firstSeq: UInt64
    /// Last seq of the run.
    public var lastSeq: UInt64
    /// Microseconds since the Unix epoch: on the origin, when ``Replicator/append(_:timestampMs:)``
    /// began; on a replica, when the transaction that stored the events committed.
    public var atMicros: Int64

    /// Creates a record.
    public init(origin: String, firstSeq: UInt64, lastSeq: UInt64, atMicros: Int64) {
        self.origin = origin
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.atMicros = atMicros
    }
}

/// The most recent ``BatchTiming`` records of a node, oldest dropped first (bounded memory).
struct TimingLog {
    /// Records kept (one per appended or stored batch, not per event).
    static let capacity = 16_384

    private var records = Deque<BatchTiming>()

    mutating func record(_ timing: BatchTiming) {
        if records.count >= Self.capacity { records.removeFirst() }
        records.append(timing)
    }

    /// The kept records of `origin` holding events after `seq`, oldest first.
    func records(origin: String, after seq: UInt64) -> [BatchTiming] {
        records.filter { $0.origin == origin && $0.lastSeq > seq }
    }

    /// Microseconds since the Unix epoch.
    static func wallClockMicros() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }
}
