import Foundation
import SupervisionBus
import SupervisionBusTesting
import Testing

/// A city-shaped bus across hosts: the city's four departments and two districts with a
/// market and a fire bureau each, every agent in a network namespace of its own (198.18.77.x,
/// from 198.18.0.0/15), talking over veths and a bridge. Runs only as root with `ip netns`
/// (skipped, with the reason printed, otherwise).
@Suite("A city-shaped bus across network namespaces", .serialized)
struct CityNamespaceTests {
    static let shape = CityShape(
        cityKinds: ["market", "fire", "culture", "education"], districts: ["east", "west"],
        districtKinds: ["market", "fire"])

    static var enabled: Bool {
        if let reason = NetworkNamespaces.unavailable { print("CityNamespaceTests skipped: \(reason)") }
        return NetworkNamespaces.unavailable == nil
    }

    /// Whether `status` holds exactly the logs of `scope`, each to `expected[origin]` events
    /// and with the hash its origin reports.
    static func holdsScope(
        _ status: NodeStatus, scope: [String], expected: [String: UInt64], origins: [String: NodeStatus]
    ) -> Bool {
        Set(status.heads.keys) == Set(scope)
            && scope.allSatisfy { origin in
                status.heads[origin]?.seq == expected[origin] && status.heads[origin] == origins[origin]?.heads[origin]
            }
    }

    /// Waits until every agent of `cluster` holds exactly its scope, each log to `expected`.
    static func waitForScopes(_ cluster: AgentCluster, _ expected: [String: UInt64], _ what: String) async throws {
        let topology = cluster.bus.membership.topology
        try await cluster.waitUntil(what, timeout: .seconds(120)) { statuses in
            cluster.departments.allSatisfy { id in
                statuses[id].map {
                    holdsScope($0, scope: topology.scope(of: id), expected: expected, origins: statuses)
                } ?? false
            }
        }
    }

    @Test(
        "8 agents in 8 namespaces: each stores exactly its scope, events converge, a district agent killed -9 recovers",
        .enabled(if: CityNamespaceTests.enabled, "needs root and ip netns"), .timeLimit(.minutes(5)))
    func cityAcrossNamespaces() async throws {
        let ids = Self.shape.ids
        let network = try NetworkNamespaces(ids, subnet: 77)
        defer { network.remove() }
        let cluster = try AgentCluster(ids, heartbeatMs: 250, placements: Self.shape.placements, hosts: network.hosts)
        defer { cluster.shutdown() }
        #expect(network.hosts.values.allSatisfy { $0.address.hasPrefix("198.18.") })

        // The topology the agents run by: the city holds every log; a district bureau the
        // city's and its own district's, never the other district's.
        let topology = cluster.bus.membership.topology
        let city = ["city-culture", "city-education", "city-fire", "city-market"]
        #expect(topology.scope(of: "city-market") == ids)
        #expect(topology.scope(of: "east-fire") == (city + ["east-fire", "east-market"]).sorted())
        #expect(topology.scope(of: "west-market") == (city + ["west-fire", "west-market"]).sorted())

        try cluster.startAll()
        for id in ids { try await cluster.waitReady(id) }
        var expected: [String: UInt64] = [:]
        for id in ids {
            _ = try await cluster.control(id, ControlRequest(command: "publish", count: 20))
            expected[id] = 20
        }
        try await Self.waitForScopes(cluster, expected, "every agent holds exactly its scope, 20 events of each origin")
        for id in ids {
            let status = try await cluster.status(id)
            #expect(Set(status.heads.keys) == Set(topology.scope(of: id)), "\(id) holds \(status.heads.keys.sorted())")
            #expect(
                Set(status.peers.map(\.department)) == Set(topology.peers(of: id)),
                "\(id) connects to \(status.peers.map(\.department))")
            #expect(status.metrics.rejected == 0)
        }
        let west = try await cluster.status("west-market")
        #expect(west.heads["east-market"] == nil && west.heads["east-fire"] == nil)

        // A district agent is killed -9; the city and its own district go on publishing.
        let ownBefore = try await cluster.ownHead("east-fire")
        cluster.kill9("east-fire")
        for id in ["east-market", "city-fire", "west-fire"] {
            _ = try await cluster.control(id, ControlRequest(command: "publish", count: 15))
            expected[id]! += 15
        }
        try cluster.start("east-fire")
        try await cluster.waitReady("east-fire")
        #expect(try await cluster.ownHead("east-fire") >= ownBefore, "acknowledged events survive kill -9")
        _ = try await cluster.control("east-fire", ControlRequest(command: "publish", count: 5))
        expected["east-fire"]! += 5
        try await Self.waitForScopes(cluster, expected, "every agent holds its scope again, the restarted one included")
        let restarted = try await cluster.status("east-fire")
        #expect(restarted.heads["west-fire"] == nil, "east-fire never holds the other district's logs")
        #expect(restarted.heads["city-fire"]?.seq == expected["city-fire"])
    }
}
