import Foundation
import SupervisionBus
import Testing

/// Issue 10: a second process with a department's keys is detected and refused, loudly.
@Suite("A second writer with a department's keys, across real agents", .serialized)
struct TwinTests {
    @Test(
        "a twin with fire's keys cannot append on its own; forced, fire sees its log grow elsewhere and stops; one record",
        .timeLimit(.minutes(5)))
    func twinIsDetected() async throws {
        let cluster = try AgentCluster(["market", "fire", "culture"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        #expect(try await cluster.jointctl("fire", ["publish", "--count", "5"]).status == 0)
        try await cluster.waitUntil("every agent holds fire#5") { statuses in
            cluster.departments.allSatisfy { statuses[$0]?.heads["fire"]?.seq == 5 }
        }

        // The twin: fire's configuration and keys on a copy of its store, on another port.
        let twinData = cluster.directory.appendingPathComponent("data/fire-twin")
        try FileManager.default.createDirectory(at: twinData, withIntermediateDirectories: true)
        let copied = try await cluster.jointctl(
            "fire", ["backup", "--out", twinData.appendingPathComponent("store.sqlite").path])
        #expect(copied.status == 0, "\(copied.stderr)")
        let config = cluster.directory.appendingPathComponent("fire.json")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: config)) as! [String: Any]
        object["dataDirectory"] = "data/fire-twin"
        object["busEndpoint"] = "tcp://127.0.0.1:\(try AgentCluster.freePort())"
        try JSONSerialization.data(withJSONObject: object).write(
            to: cluster.directory.appendingPathComponent("fire-twin.json"))
        try cluster.start("fire-twin")
        try await cluster.waitUntil("the twin answers") { $0["fire-twin"] != nil }
        // The peers answer fire at fire's endpoint: the twin never completes recovery, so it cannot
        // append on its own. Watch it for 15 heartbeats.
        let window = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < window {
            #expect(try await cluster.status("fire-twin").ready == false)
            try await Task.sleep(for: .milliseconds(200))
        }
        let waiting = try await cluster.jointctl("fire-twin", ["publish", "--count", "1"])
        #expect(waiting.status == 75, "\(waiting.stderr)")
        // Its operator forces it past recovery, and it signs fire's seqs 6…8.
        #expect(try await cluster.jointctl("fire-twin", ["recovery", "--override"]).status == 0)
        #expect(try await cluster.jointctl("fire-twin", ["publish", "--count", "3"]).status == 0)
        try await cluster.waitUntil("market and culture hold the twin's fire#8") { statuses in
            ["market", "culture"].allSatisfy { statuses[$0]?.heads["fire"]?.seq == 8 }
        }

        // fire hears its own log announced beyond what it signed: another writer; it stops.
        try await cluster.waitUntil("fire refuses to append") { statuses in
            if case .conflicted = statuses["fire"]?.ownLog { return true }
            return false
        }
        let refused = try await cluster.jointctl("fire", ["publish", "--count", "1"])
        #expect(refused.status != 0 && refused.stderr.contains("another process"), "\(refused.stderr)")
        let shown = try await cluster.jointctl("fire", ["status"])
        #expect(shown.stdout.contains("conflict"), "\(shown.stdout)")
        #expect(cluster.log("fire").contains("own log conflict"), "logged as critical")

        // One record: fire signed nothing over the twin's seqs; everyone, fire too, holds one log of fire.
        try await cluster.waitUntil("every agent holds the same fire#8") { statuses in
            Set(["market", "culture", "fire", "fire-twin"].map { statuses[$0]?.heads["fire"] }).count == 1
        }
        let statuses = try await ["market", "culture"].asyncMap { try await cluster.status($0) }
        #expect(statuses.allSatisfy { $0.metrics.rejected == 0 && $0.equivocatedOrigins.isEmpty })
    }
}
