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
        for _ in 0..<300 { cluster.step() }  // 30 heartbeats of 100 ms, nothing new
        let idle = cluster.nodes["a"]!.metrics
        #expect((4...8).contains(idle.headsSent - before.headsSent), "an empty HEAD to each peer every 10 heartbeats")
        #expect(idle.headEntriesSent == before.headEntriesSent, "nothing changed, nothing announced")
        #expect(cluster.nodes["b"]!.peerStatuses(nowMs: cluster.nowMs).allSatisfy { $0.liveness == .alive })

        // a's messages to b are lost silently: the live push and the HEAD deltas.
        cluster.network.lossy = [["a", "b"], ["c", "b"]]  // and what c tells b of it is lost too
        try cluster.append("a", count: 4)
        for _ in 0..<30 { cluster.step() }
        #expect(cluster.nodes["b"]!.heads["a"]?.seq == 5)
        cluster.network.lossy = []
        // a appends nothing more: only the digest of its next (idle) HEAD tells b that it missed something.
        for _ in 0..<250 { cluster.step() }
        #expect(cluster.nodes["b"]!.heads["a"]?.seq == 9)
    }

    @Test(
        "an idle peer announces every 10 heartbeats and says so: it stays alive; once it stops, it is suspected soon after its promise"
    )
    func idleAnnouncements() throws {
        let cluster = try Cluster(["a", "b"])
        try cluster.append("a", count: 3)
        #expect(cluster.converge())
        for _ in 0..<400 { cluster.step() }  // 40 heartbeats idle
        let b = cluster.nodes["b"]!
        #expect(b.peerStatuses(nowMs: cluster.nowMs).first?.liveness == .alive, "an idle peer keeping its promise")
        // A change is announced at the next heartbeat, whatever was promised.
        let entries = b.metrics.headEntriesSent
        try cluster.append("b", count: 1)
        for _ in 0..<12 { cluster.step() }
        #expect(b.metrics.headEntriesSent > entries, "a change goes out within a heartbeat")
        // a falls silent (its messages are lost): suspected only after what it promised, then surely.
        cluster.network.lossy = [["a", "b"]]
        var evasiveAfterMs: Int64?
        for step in 1...400 {
            cluster.step()
            if evasiveAfterMs == nil, b.peerStatuses(nowMs: cluster.nowMs).first?.liveness != .alive {
                evasiveAfterMs = Int64(step) * 10
            }
        }
        let after = try #require(evasiveAfterMs, "a silent peer is suspected in the end")
        #expect(after <= 1300, "within its promise (10 heartbeats) and 2 more, plus one of slack")
        #expect([.silent, .expired].contains(b.peerStatuses(nowMs: cluster.nowMs).first?.liveness))
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
