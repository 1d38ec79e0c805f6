import Foundation
import Logging
import SupervisionBusTesting
import SupervisionProtocol
import Testing

@testable import SupervisionBus

@Suite("Replicator over the in-memory network")
struct ReplicatorTests {
    @Test("every node converges to the same version vector")
    func converges() throws {
        let cluster = try Cluster(["market", "fire", "culture", "education"])
        for department in cluster.nodes.keys { try cluster.append(department, count: 300) }
        #expect(cluster.converge())
        for node in cluster.nodes.values {
            #expect(node.heads.count == 4)
            #expect(node.heads.values.allSatisfy { $0.seq == 300 })
        }
    }

    @Test("a cut link is repaired through HEAD announcements and fetches from any peer")
    func repairsAfterPartition() throws {
        let cluster = try Cluster(["market", "fire", "culture"])
        cluster.network.cut = [["market", "fire"], ["fire", "market"]]
        try cluster.append("market", count: 200)
        for _ in 0..<50 { cluster.step() }
        // fire could not hear market directly but culture relays market's signed events.
        #expect(cluster.nodes["fire"]!.heads["market"]?.seq == 200)
        #expect(cluster.nodes["fire"]!.metrics.repaired == 200)
        cluster.network.cut = []
        #expect(cluster.converge())
        let lag = cluster.nodes["fire"]!.peerStatuses(nowMs: cluster.nowMs).map { $0.behind + $0.ahead }
        #expect(lag == [0, 0], "no replication lag once converged")
    }

    @Test("peer status reports replication lag both ways")
    func replicationLag() throws {
        let cluster = try Cluster(["market", "fire"])
        cluster.network.cut = [["market", "fire"]]
        try cluster.append("market", count: 30)
        try cluster.append("fire", count: 5)
        for _ in 0..<20 { cluster.step() }
        let market = cluster.nodes["market"]!.peerStatuses(nowMs: cluster.nowMs)[0]
        #expect(market.behind == 30, "fire has not seen market's 30 events")
        #expect(market.ahead == 0, "market holds fire's events")
    }

    @Test("a node that joins late catches up in bounded fetch windows")
    func lateJoiner() throws {
        let cluster = try Cluster(["market", "fire"])
        cluster.stop("fire")
        try cluster.append("market", count: 3000)
        try cluster.start("fire")
        #expect(cluster.converge())
        let fire = cluster.nodes["fire"]!
        #expect(fire.heads["market"]?.seq == 3000)
        #expect(fire.metrics.fetchesSent >= 3000 / UInt64(cluster.settings.fetchWindowEvents))
    }

    @Test("a restarted node keeps its log and catches up what it missed")
    func restart() throws {
        let cluster = try Cluster(["market", "fire"])
        try cluster.append("fire", count: 100)
        #expect(cluster.converge())
        cluster.stop("fire")
        try cluster.append("market", count: 700)
        try cluster.start("fire")
        #expect(cluster.nodes["fire"]!.heads["fire"]?.seq == 100)
        try cluster.append("fire", count: 5)
        #expect(cluster.converge())
        #expect(cluster.nodes["market"]!.heads["fire"]?.seq == 105)
        #expect(cluster.nodes["fire"]!.heads["market"]?.seq == 700)
    }

    @Test("a full peer queue pauses live push; the peer catches up by fetching")
    func slowPeer() throws {
        let cluster = try Cluster(["market", "fire"], capacity: 2)
        for _ in 0..<20 { try cluster.append("market", count: 64) }
        #expect(cluster.nodes["market"]!.metrics.sendsRefused > 0)
        #expect(cluster.converge())
        #expect(cluster.nodes["fire"]!.heads["market"]?.seq == 1280)
        #expect(cluster.nodes["fire"]!.metrics.repaired > 0)
    }

    @Test("batches and fetch replies respect the byte limit; an oversized payload is refused")
    func byteLimits() throws {
        var settings = Cluster.testSettings
        settings.maxBatchBytes = 1000
        let cluster = try Cluster(["market", "fire"], settings: settings)
        cluster.stop("fire")
        cluster.waitRecovered("market")
        let drafts = (0..<20).map { EventDraft(kind: .test, payload: [UInt8](repeating: UInt8($0), count: 300)) }
        _ = try cluster.nodes["market"]!.append(drafts, timestampMs: 0)
        // 3 events per batch
        #expect(try (cluster.nodes["market"]!.store as! EventStore).checkpoints(origin: "market").count == 7)
        #expect(throws: BusError.self) {
            _ = try cluster.nodes["market"]!.append(
                [EventDraft(kind: .test, payload: [UInt8](repeating: 0, count: 1001))], timestampMs: 0)
        }
        try cluster.start("fire")
        #expect(cluster.converge())
        #expect(cluster.nodes["fire"]!.heads["market"]?.seq == 20)
    }
}
