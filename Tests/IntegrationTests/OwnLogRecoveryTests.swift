import Foundation
import SupervisionBus
import Testing

/// Issue 10: a restored backup or a lost store never forks the department's own log.
@Suite("Own-log recovery across real agents", .serialized)
struct OwnLogRecoveryTests {
    static let departments = ["market", "fire", "culture"]

    func store(_ cluster: AgentCluster, _ department: String) -> URL {
        cluster.directory.appendingPathComponent("data/\(department)/store.sqlite")
    }

    func replace(_ cluster: AgentCluster, _ department: String, with backup: URL?) throws {
        let store = store(cluster, department)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
        if let backup { try FileManager.default.copyItem(at: backup, to: store) }
    }

    /// Appends `count` events at `department` and waits until every agent holds them.
    func publish(_ cluster: AgentCluster, _ department: String, count: Int) async throws -> UInt64 {
        let result = try await cluster.jointctl(department, ["publish", "--count", "\(count)"])
        #expect(result.status == 0, "\(result.stderr)")
        let head = try await cluster.ownHead(department)
        try await cluster.waitUntil("every agent holds \(department)#\(head)") { statuses in
            Self.departments.allSatisfy { statuses[$0]?.heads[department]?.seq == head }
        }
        return head
    }

    @Test(
        "a restored backup and a lost store catch up from the peers before appending: no fork anywhere",
        .timeLimit(.minutes(5)))
    func restoreNeverForks() async throws {
        let cluster = try AgentCluster(Self.departments)
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in Self.departments { try await cluster.waitReady(department) }
        _ = try await publish(cluster, "fire", count: 5)
        let backup = cluster.directory.appendingPathComponent("fire-backup.sqlite")
        let saved = try await cluster.jointctl("fire", ["backup", "--out", backup.path])
        #expect(saved.status == 0, "\(saved.stderr)")
        let acknowledged = try await publish(cluster, "fire", count: 7)

        // Restore the older copy: fire must learn events 6…12 from its peers, not sign new ones there.
        #expect(cluster.terminate("fire") == 0)
        try replace(cluster, "fire", with: backup)
        try cluster.start("fire")
        try await cluster.waitReady("fire")
        #expect(try await cluster.ownHead("fire") == acknowledged, "recovered every acknowledged event")
        var next = try await publish(cluster, "fire", count: 3)
        #expect(next == acknowledged + 3)

        // A lost store: the same, from nothing.
        #expect(cluster.terminate("fire") == 0)
        try replace(cluster, "fire", with: nil)
        try cluster.start("fire")
        try await cluster.waitReady("fire")
        #expect(try await cluster.ownHead("fire") == next)
        next = try await publish(cluster, "fire", count: 2)

        let statuses = try await Self.departments.asyncMap { try await cluster.status($0) }
        #expect(Set(statuses.map(\.heads)).count == 1, "one record everywhere")
        #expect(statuses.allSatisfy { $0.metrics.equivocations == 0 && $0.equivocatedOrigins.isEmpty })
        #expect(statuses.allSatisfy { $0.metrics.rejected == 0 })
    }

    @Test(
        "while a peer is down, a restarted agent waits; `jointctl recovery --override` ends the wait",
        .timeLimit(.minutes(5)))
    func recoveryWaitsForEveryPeer() async throws {
        let cluster = try AgentCluster(Self.departments)
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in Self.departments { try await cluster.waitReady(department) }
        _ = try await publish(cluster, "fire", count: 2)
        #expect(cluster.terminate("culture") == 0)
        #expect(cluster.terminate("fire") == 0)
        try cluster.start("fire")
        try await cluster.waitUntil("fire serves, waiting for culture") { statuses in
            guard let fire = statuses["fire"], case .recovering(let waiting, _, _) = fire.ownLog else { return false }
            return !fire.ready && waiting == ["culture"]
        }
        let refused = try await cluster.jointctl("fire", ["publish", "--count", "1"])
        #expect(refused.status == 75, "a temporary refusal: \(refused.stderr)")
        #expect(refused.stderr.contains("culture"), "it names the peer it waits for: \(refused.stderr)")
        let shown = try await cluster.jointctl("fire", ["recovery"])
        #expect(shown.stdout.contains("waiting to hear from culture"), "\(shown.stdout)")
        let overridden = try await cluster.jointctl("fire", ["recovery", "--override"])
        #expect(overridden.status == 0 && overridden.stdout.contains("recovered"), "\(overridden.stdout)")
        #expect(try await cluster.jointctl("fire", ["publish", "--count", "1"]).status == 0)
    }
}
