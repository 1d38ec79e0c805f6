import Foundation
import SupervisionBus
import Testing

/// The `timings` control command that bus-bench uses for append-to-durable-at-peer latency.
@Suite("Control command timings", .serialized)
struct TimingsControlTests {
    @Test("origin and replica report when each event was appended and stored", .timeLimit(.minutes(2)))
    func reportsTimings() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        try await cluster.waitReady("market")
        try await cluster.waitReady("fire")
        let before = Int64(Date().timeIntervalSince1970 * 1_000_000)
        _ = try await cluster.control("market", ControlRequest(command: "publish", size: 100, count: 20))
        try await cluster.waitUntil("fire holds market's 20 events") { $0["fire"]?.heads["market"]?.seq == 20 }

        let appended = try #require(
            try await cluster.control("market", ControlRequest(command: "timings", origin: "market", after: 5)).timings)
        let stored = try #require(
            try await cluster.control("fire", ControlRequest(command: "timings", origin: "market", after: 5)).timings)
        #expect(Set(appended.flatMap { Array($0.firstSeq...$0.lastSeq) }).isSuperset(of: 6...20))
        #expect(Set(stored.flatMap { Array($0.firstSeq...$0.lastSeq) }).isSuperset(of: 6...20))
        #expect(appended.allSatisfy { $0.atMicros >= before && $0.lastSeq > 5 })
        #expect(stored.allSatisfy { record in appended.allSatisfy { record.atMicros >= $0.atMicros } })

        let events = try await cluster.status("fire")
        #expect(events.metrics.rejected == 0)
        let refused = try await cluster.control("market", ControlRequest(command: "timings"))
        #expect(!refused.ok && refused.error == "timings needs origin")
    }
}
