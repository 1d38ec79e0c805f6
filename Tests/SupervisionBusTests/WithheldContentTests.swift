import SupervisionBusTesting
import SupervisionProtocol
import Testing

@testable import SupervisionBus

/// Withheld content (Protocols/spec/1-JSB.md, "Withheld content"): a relay's stub never
/// settles a peer's rights; only a holder of the payload under the same membership version does.
@Suite("Withheld content: relayed stubs are refilled, rights changes refill, settled stubs stay quiet")
struct WithheldContentTests {
    /// Membership `version`: findings go to everyone but `denied`.
    static func policy(version: Int, denied: Set<String>) -> DeliveryPolicy {
        DeliveryPolicy(membershipVersion: version) { peer, event in event.kind != .finding || !denied.contains(peer) }
    }

    func findings(_ cluster: Cluster, _ origin: String) throws -> [EventEnvelope] {
        try cluster.nodes[origin]!.store.events(origin: "education", from: 1, through: .max)
    }

    @Test("a relay holding only stubs passes the chain on; the entitled peer gets the payloads from the origin")
    func relayedStubsAreRefilled() throws {
        let cluster = try Cluster(["education", "fire", "health"])
        let rights = Self.policy(version: 1, denied: ["fire"])
        cluster.policies = ["education": rights, "fire": rights, "health": rights]
        for department in ["education", "fire"] { try cluster.start(department) }
        cluster.stop("health")
        try cluster.append("education", count: 5, kind: .finding)
        #expect(cluster.converge())
        #expect(try findings(cluster, "fire").allSatisfy(\.isPayloadWithheld))
        #expect(cluster.nodes["fire"]!.pendingRefills.isEmpty, "the origin's stubs settle fire's rights")
        try cluster.start("fire")
        #expect(cluster.nodes["fire"]!.pendingRefills.isEmpty, "settled in the store: a restart asks nothing again")

        // health restarts while the origin is away: only fire, holding stubs, can serve it.
        cluster.stop("education")
        try cluster.start("health")
        cluster.network.cut.formUnion([["health", "education"], ["fire", "education"]])
        #expect(cluster.converge())
        #expect(cluster.nodes["health"]!.heads["education"]?.seq == 5, "the chain moves on through the relay")
        #expect(try findings(cluster, "health").allSatisfy(\.isPayloadWithheld))
        #expect(cluster.nodes["health"]!.pendingRefills["education"] == [1, 2, 3, 4, 5], "not settled by a relay")
        try cluster.start("health")
        #expect(cluster.nodes["health"]!.pendingRefills["education"] == [1, 2, 3, 4, 5], "nor after a restart")
        cluster.network.cut.formUnion([["health", "education"], ["fire", "education"]])

        try cluster.start("education")
        for _ in 0..<500 where !cluster.nodes["health"]!.pendingRefills.isEmpty { cluster.step() }
        #expect(cluster.nodes["health"]!.pendingRefills.isEmpty)
        let atHealth = try findings(cluster, "health")
        #expect(atHealth.count == 5 && atHealth.allSatisfy { !$0.isPayloadWithheld })
        #expect(atHealth == (try findings(cluster, "education")))
    }

    @Test("when rights grow, stubs are refilled, but not before the holders apply the same rights")
    func rightsGrowthRefills() throws {
        let cluster = try Cluster(["education", "fire", "health"])
        let before = Self.policy(version: 1, denied: ["fire"])
        cluster.policies = ["education": before, "fire": before, "health": before]
        for department in ["education", "fire", "health"] { try cluster.start(department) }
        try cluster.append("education", count: 5, kind: .finding)
        #expect(cluster.converge())
        #expect(cluster.nodes["fire"]!.pendingRefills.isEmpty)

        // Version 2 reaches fire first: the others still withhold under version 1.
        let after = Self.policy(version: 2, denied: [])
        let verifier = try cluster.verifier
        let members = ["education", "fire", "health"]
        cluster.nodes["fire"]!.updateMembership(peers: members, verifier: verifier, policy: after)
        for _ in 0..<300 { cluster.step() }
        #expect(try findings(cluster, "fire").allSatisfy(\.isPayloadWithheld))
        #expect(cluster.nodes["fire"]!.pendingRefills["education"] == [1, 2, 3, 4, 5], "version 1 settles nothing")

        for department in ["education", "health"] {
            cluster.nodes[department]!.updateMembership(peers: members, verifier: verifier, policy: after)
        }
        for _ in 0..<500 where !cluster.nodes["fire"]!.pendingRefills.isEmpty { cluster.step() }
        #expect(cluster.nodes["fire"]!.pendingRefills.isEmpty)
        #expect(try findings(cluster, "fire") == (try findings(cluster, "education")))
    }
}
