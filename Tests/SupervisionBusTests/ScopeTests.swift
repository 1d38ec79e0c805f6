import Foundation
import SupervisionBusTesting
import SupervisionProtocol
import Testing

@testable import SupervisionBus

@Suite("Replication by scope, HEAD deltas and accrual liveness")
struct ScopeTests {
    @Test("on a city-shaped bus each node stores exactly the logs of its scope, and a district's push crosses nothing")
    func scopedReplication() throws {
        let topology = try TopologyTests.city().topology
        let cluster = try Cluster(topology.memberIDs, topology: topology)
        for department in topology.memberIDs { try cluster.append(department, count: 3) }
        for _ in 0..<300 { cluster.step() }
        for department in topology.memberIDs {
            let node = try #require(cluster.nodes[department])
            #expect(Set(node.heads.keys) == Set(topology.scope(of: department)), "\(department)")
            #expect(node.heads.values.allSatisfy { $0.seq == 3 }, "\(department) holds its scope in full")
            #expect(node.metrics.outOfScope == 0)
            #expect(
                Set(node.peerStatuses(nowMs: cluster.nowMs).map(\.department)) == Set(topology.peers(of: department)))
        }
        // A fetch for a log outside the asker's scope is a MISS, not a leak.
        let fire = try #require(cluster.nodes["minhang-fire"])
        #expect(fire.heads["pudong-fire"] == nil)
    }

    @Test("a batch of an origin outside the scope is counted and not stored")
    func outOfScopeBatchDropped() throws {
        let topology = try TopologyTests.city().topology
        let cluster = try Cluster(topology.memberIDs, topology: topology)
        try cluster.append("pudong-fire", count: 2)
        for _ in 0..<100 { cluster.step() }
        let batch = try #require(
            try cluster.nodes["pudong-fire"]!.store.events(origin: "pudong-fire", from: 1, through: 2, limit: .max))
        let checkpoint = try #require(
            try cluster.nodes["pudong-fire"]!.store.lastCheckpoint(origin: "pudong-fire", in: 1...2))
        // The city relays it to minhang-fire, which does not hold pudong's logs.
        cluster.nodes["minhang-fire"]!.receive(
            [("market", .batch(EventBatch(origin: "pudong-fire", events: batch, checkpoint: checkpoint)))],
            nowMs: cluster.nowMs)
        #expect(cluster.nodes["minhang-fire"]!.metrics.outOfScope == 1)
        #expect(cluster.nodes["minhang-fire"]!.heads["pudong-fire"] == nil)
    }

    @Test("idle HEADs carry no entries; a lost one is noticed by its digest and repaired with the whole vector")
    func headDeltas() throws {
        let cluster = try Cluster(["a", "b", "c"])
        try cluster.append("a", count: 5)
        #expect(cluster.converge())
        for _ in 0..<50 { cluster.step() }
        let before = cluster.nodes["a"]!.metrics
        for _ in 0..<100 { cluster.step() }  // 10 heartbeats of 100 ms, nothing new
        let idle = cluster.nodes["a"]!.metrics
        #expect(idle.headsSent - before.headsSent >= 18, "a HEAD to each peer every heartbeat")
        #expect(idle.headEntriesSent == before.headEntriesSent, "nothing changed, nothing announced")

        // a's messages to b are lost silently: the live push and the HEAD deltas.
        cluster.network.lossy = [["a", "b"], ["c", "b"]]  // and what c tells b of it is lost too
        try cluster.append("a", count: 4)
        for _ in 0..<30 { cluster.step() }
        #expect(cluster.nodes["b"]!.heads["a"]?.seq == 5)
        cluster.network.lossy = []
        // a appends nothing more: only the digest of its next HEAD tells b that it missed something.
        for _ in 0..<100 { cluster.step() }
        #expect(cluster.nodes["b"]!.heads["a"]?.seq == 9)
    }

    @Test("a peer whose announcements arrive irregularly is judged later than a steady one, never earlier")
    func accrualLiveness() {
        var steady = ArrivalWindow()
        var jittery = ArrivalWindow()
        var t: Int64 = 0
        for _ in 0..<20 {
            t += 1000
            steady.record(atMs: t)
        }
        t = 0
        for interval: Int64 in [1000, 3500, 800, 4000, 1200, 3000, 900, 2500] {
            t += interval
            jittery.record(atMs: t)
        }
        #expect(steady.phi(silenceMs: 2000, heartbeatMs: 1000) >= 3)
        #expect(steady.phi(silenceMs: 10_000, heartbeatMs: 1000) >= 16)
        #expect(jittery.phi(silenceMs: 10_000, heartbeatMs: 1000) < 16, "a loaded peer is not expired at 10 s")
        #expect(jittery.phi(silenceMs: 30_000, heartbeatMs: 1000) >= 16, "but a silent one is, in the end")
        #expect(steady.phi(silenceMs: 500, heartbeatMs: 1000) < 1)
    }
}
