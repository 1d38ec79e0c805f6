import Foundation
import Logging
import SupervisionProtocol

/// Test events a node appends on its own at a steady rate (control command `load`), so tests
/// and benchmarks can make a department publish "while running" until its log holds `total`.
struct TestLoad {
    private(set) var isActive = false
    private var total: UInt64 = 0
    private var rate: Double = 0
    private var size = 0
    private var startMs: Int64 = 0
    private var startSeq: UInt64 = 0

    /// Whether events are due at once (an unpaced load that is not done): the loop then polls
    /// without waiting.
    var isUnpaced: Bool { isActive && rate <= 0 }

    /// Most events appended in one loop turn.
    static let maxPerTurn = 2048

    mutating func start(total: UInt64, rate: Double, size: Int, nowMs: Int64, currentSeq: UInt64) {
        self.total = total
        self.rate = rate
        self.size = max(0, size)
        self.startMs = nowMs
        self.startSeq = currentSeq
        isActive = currentSeq < total
    }

    /// Appends what is due by now; returns the number of events appended. A failed append ends
    /// the load (logged), but for own-log recovery: the load then waits for it.
    mutating func run(replicator: Replicator, nowMs: Int64, logger: Logger) -> Int {
        do {
            return try step(replicator: replicator, nowMs: nowMs)
        } catch let error as BusError where error.code == .ownLogRecovering {
            return 0  // appends start once the own log is recovered
        } catch {
            logger.error("test load append failed", metadata: ["error": "\(error)"])
            isActive = false
            return 0
        }
    }

    /// Appends what is due by now (at most ``maxPerTurn``); returns the number of events
    /// appended, or throws what the append threw (the load stays active).
    mutating func step(replicator: Replicator, nowMs: Int64) throws -> Int {
        guard isActive else { return 0 }
        let seq = replicator.heads[replicator.department]?.seq ?? 0
        let due = rate > 0 ? min(total, startSeq + UInt64(Double(nowMs - startMs) * rate / 1000)) : total
        guard due > seq else { return 0 }
        let count = min(Int(due - seq), Self.maxPerTurn)
        let drafts = (0..<count).map { index in
            EventDraft(kind: .test, payload: TestPayload(body: body(seq: seq + UInt64(index) + 1)).serializedBytes())
        }
        // The origin's wall clock (the protocol's timestamp_ms), not the loop's monotonic `nowMs`.
        let timestampMs = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try replicator.append(drafts, timestampMs: timestampMs)
        if seq + UInt64(count) >= total { isActive = false }
        return count
    }

    private func body(seq: UInt64) -> [UInt8] {
        var bytes = Array("test \(seq) ".utf8)
        if bytes.count < size { bytes += [UInt8](repeating: UInt8(ascii: "x"), count: size - bytes.count) }
        return bytes
    }
}
