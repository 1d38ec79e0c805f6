import Foundation
import SupervisionBus
import Testing
import ZeroMQ

/// The control endpoint while the bus is busy: `status` is answered by the control thread from
/// the shared snapshot, not after the I/O thread's next turn.
@Suite("Control endpoint under load", .serialized)
struct ControlLatencyTests {
    /// Round trips of `request` to `department`, one after another, until `until` (ms each).
    static func roundTrips(
        _ cluster: AgentCluster, _ department: String, _ request: ControlRequest, until: ContinuousClock.Instant
    ) async throws -> [Double] {
        let endpoint = cluster.controlEndpoint(department)
        let context = cluster.context
        return try await ZMQThread(name: "control-latency") {
            let client = try ControlClient(context: context, endpoint: endpoint)
            defer { client.close() }
            var samples: [Double] = []
            while ContinuousClock.now < until {
                let start = ContinuousClock.now
                let reply = try client.send(request, timeoutMs: 30_000)
                let elapsed = start.duration(to: .now).components
                guard reply.ok else { throw BusError(.transport, reply.error ?? "refused") }
                samples.append(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
            }
            return samples.sorted()
        }.value
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    @Test(
        "status answers faster than the I/O thread's turn while every agent runs an unpaced load",
        .timeLimit(.minutes(3)))
    func statusDuringBurst() async throws {
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        for department in cluster.departments {
            _ = try await cluster.control(department, ControlRequest(command: "load", total: 2_000_000, size: 256))
        }
        try await cluster.waitUntil("the burst is under way") { ($0["market"]?.heads["fire"]?.seq ?? 0) > 2048 }

        // Both kinds of request at once, each from its own client: `timings` (for an origin that
        // does not exist, so it costs nothing) waits for the I/O thread, `status` should not.
        let until = ContinuousClock.now + .seconds(6)
        async let status = Self.roundTrips(cluster, "market", ControlRequest(command: "status"), until: until)
        async let turn = Self.roundTrips(
            cluster, "market", ControlRequest(command: "timings", origin: "nobody"), until: until)
        let (statusMs, turnMs) = try await (status, turn)
        let figures = [("status", statusMs), ("timings (I/O thread)", turnMs)].map { name, samples in
            String(
                format: "%@: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", name, samples.count,
                Self.percentile(samples, 0.5), Self.percentile(samples, 0.99), samples.last ?? 0)
        }
        print("control round trips during a load burst at 3 agents: " + figures.joined(separator: "; "))
        #expect(statusMs.count >= 20 && !turnMs.isEmpty)
        #expect(
            Self.percentile(statusMs, 0.9) < Self.percentile(turnMs, 0.5),
            "status is not held up by the I/O thread: \(figures.joined(separator: "; "))")
    }
}
