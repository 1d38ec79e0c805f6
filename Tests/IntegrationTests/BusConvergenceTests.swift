import Foundation
import SupervisionBus
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Multi-process tests of the bus: built `supervision-agent` executables on tcp loopback.
@Suite("Bus across real agent processes", .serialized)
struct BusConvergenceTests {
    static let departments = ["market", "fire", "culture", "education"]

    /// Every running agent holds `expected` events of every origin, with identical log hashes.
    static func converged(_ statuses: [String: NodeStatus], count: Int, expected: UInt64) -> Bool {
        guard statuses.count == count, let first = statuses.values.first else { return false }
        return statuses.values.allSatisfy { status in
            status.heads == first.heads && status.heads.count == departments.count
                && status.heads.values.allSatisfy { $0.seq == expected }
        }
    }

    @Test(
        "4 agents append 10,000 events each while one is killed -9 and one frozen; all converge",
        .timeLimit(.minutes(5)))
    func convergesThroughCrashAndFreeze() async throws {
        let cluster = try AgentCluster(Self.departments)
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in Self.departments { try await cluster.waitReady(department) }
        let total: UInt64 = 10_000
        for department in Self.departments {
            _ = try await cluster.control(
                department, ControlRequest(command: "load", total: total, rate: 1000, size: 256))
        }

        // Kill fire mid-stream, once it has appended part of its log.
        try await cluster.waitUntil("fire mid-stream") { ($0["fire"]?.heads["fire"]?.seq ?? 0) >= 3000 }
        cluster.kill9("fire")
        // Freeze culture for several seconds while the others keep appending.
        cluster.signal("culture", SIGSTOP)
        try await cluster.waitUntil("market advances while culture is frozen") {
            ($0["market"]?.heads["market"]?.seq ?? 0) >= 7000
        }
        cluster.signal("culture", SIGCONT)
        try cluster.start("fire")
        try await cluster.waitReady("fire")
        let restarted = try await cluster.status("fire")
        #expect((restarted.heads["fire"]?.seq ?? 0) >= 3000, "acknowledged events survive kill -9")
        _ = try await cluster.control("fire", ControlRequest(command: "load", total: total, rate: 1000, size: 256))

        try await cluster.waitUntil("identical version vectors and log hashes", timeout: .seconds(180)) {
            Self.converged($0, count: 4, expected: total)
        }
        let statuses = try await Self.departments.asyncMap { try await cluster.status($0) }
        #expect(Set(statuses.map(\.heads)).count == 1)
        #expect(
            statuses.allSatisfy { $0.metrics.rejected == 0 },
            "\(Self.departments.map { cluster.log($0).split(separator: "\n").filter { $0.contains("reject") } })")
        // The others noticed the freeze (heartbeats) and the crash, and said so in their logs.
        let marketLog = cluster.log("market").split(separator: "\n")
        #expect(marketLog.contains { $0.contains("peer.id=culture") && $0.contains("peer silent") })
        #expect(marketLog.contains { $0.contains("peer.id=fire") && $0.contains("peer evasive") })
    }

    @Test("an agent that joins after 50,000 events catches up completely", .timeLimit(.minutes(5)))
    func lateJoinerCatchesUp() async throws {
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try cluster.start("culture")
        try await cluster.waitReady("market")
        try await cluster.waitReady("culture")
        _ = try await cluster.control("market", ControlRequest(command: "load", total: 50_000, rate: 0, size: 200))
        try await cluster.waitUntil("market and culture hold 50,000 events", timeout: .seconds(120)) {
            $0["culture"]?.heads["market"]?.seq == 50_000 && $0["market"]?.heads["market"]?.seq == 50_000
        }
        try cluster.start("fire")
        try await cluster.waitUntil("fire caught up", timeout: .seconds(120)) {
            $0["fire"]?.heads["market"] != nil && $0["fire"]?.heads["market"] == $0["market"]?.heads["market"]
        }
        let fire = try await cluster.status("fire")
        #expect(fire.metrics.repaired == 50_000)
        #expect(fire.metrics.rejected == 0)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
