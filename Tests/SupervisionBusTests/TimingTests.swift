import Foundation
import Testing

@testable import SupervisionBus

@Suite("Batch timings (append-to-durable latency records)")
struct TimingTests {
    @Test("the origin records when each batch was appended, a replica when it was stored")
    func recordsAppendsAndStores() throws {
        let cluster = try Cluster(["market", "fire"])
        try cluster.append("market", count: 100)  // two batches of at most 64
        #expect(cluster.converge())
        let appended = cluster.nodes["market"]!.timings(origin: "market", after: 0)
        let stored = cluster.nodes["fire"]!.timings(origin: "market", after: 0)
        #expect(appended.flatMap { Array($0.firstSeq...$0.lastSeq) } == Array(1...100))
        #expect(stored.flatMap { Array($0.firstSeq...$0.lastSeq) } == Array(1...100))
        let appendStart = try #require(appended.first?.atMicros)
        #expect(stored.allSatisfy { $0.atMicros >= appendStart })
        #expect(cluster.nodes["fire"]!.timings(origin: "market", after: 64).allSatisfy { $0.lastSeq > 64 })
        #expect(cluster.nodes["fire"]!.timings(origin: "culture", after: 0).isEmpty)
    }

    @Test("the log keeps only the most recent records")
    func bounded() {
        var log = TimingLog()
        for seq in 1...UInt64(TimingLog.capacity + 10) {
            log.record(BatchTiming(origin: "market", firstSeq: seq, lastSeq: seq, atMicros: Int64(seq)))
        }
        let kept = log.records(origin: "market", after: 0)
        #expect(kept.count == TimingLog.capacity)
        #expect(kept.first?.firstSeq == 11)
        #expect(
            log.records(origin: "market", after: UInt64(TimingLog.capacity + 8)).map(\.lastSeq) == [
                UInt64(TimingLog.capacity + 9), UInt64(TimingLog.capacity + 10),
            ])
    }
}
