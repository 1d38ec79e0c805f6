import Foundation
import SupervisionBus
import SupervisionBusTesting
import Testing

/// `jointctl audit verify` on the store of a real agent, stopped cleanly and copied.
@Suite("jointctl audit verify on a real agent's store")
struct AuditCommandTests {
    @Test("an intact copy exits 0, a damaged one 1, a missing anchor or store 2", .timeLimit(.minutes(2)))
    func exitCodes() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in cluster.departments { try await cluster.waitReady(department) }
        for department in cluster.departments {
            _ = try await cluster.control(department, ControlRequest(command: "publish", count: 40))
        }
        try await cluster.waitUntil("both agents hold both logs") { statuses in
            statuses.count == 2
                && statuses.values.allSatisfy { status in
                    cluster.departments.allSatisfy { (status.heads[$0]?.seq ?? 0) >= 40 }
                }
        }
        #expect(cluster.terminate("fire") == 0)
        // Stopped cleanly: the agent merged its write-ahead log, so the main file alone is a consistent copy.
        let store = cluster.directory.appendingPathComponent("data/fire/store.sqlite").path
        let copy = cluster.directory.appendingPathComponent("fire-copy.sqlite").path
        let walSize = (try? FileManager.default.attributesOfItem(atPath: store + "-wal"))?[.size] as? Int ?? 0
        #expect(walSize == 0, "nothing left in the WAL after a clean stop")
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        let anchor = cluster.bus.anchorFile

        let intact = try Self.jointctl(["audit", "verify", "--store", copy, "--anchor", anchor, "--json"])
        #expect(intact.status == 0, "\(intact.stderr)\(intact.stdout)")
        let report = try JSONDecoder().decode(StoreAuditReport.self, from: Data(intact.stdout.utf8))
        #expect(report.intact && report.department == "fire")
        #expect(report.origins.map(\.origin) == ["fire", "market"])
        #expect(report.origins.allSatisfy { $0.events >= 40 })
        #expect(report.tally(.checkpointSignature).checked > 0 && report.tally(.dataRights).checked >= 40)

        let human = try Self.jointctl(["audit", "verify", "--store", copy, "--anchor", anchor])
        #expect(human.status == 0 && human.stdout.hasPrefix("INTACT"), "\(human.stdout)")
        // A copy whose SQLite header is overwritten: reported as a break (exit 1), not a crash.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        let garbage = cluster.directory.appendingPathComponent("garbage.sqlite").path
        bytes.replaceSubrange(0..<100, with: Data(repeating: 0x41, count: 100))
        try bytes.write(to: URL(fileURLWithPath: garbage))
        let broken = try Self.jointctl(["audit", "verify", "--store", garbage, "--anchor", anchor])
        #expect(broken.status == 1, "\(broken.stdout)")
        #expect(broken.stdout.hasPrefix("BREAK at store: store check failed"), "\(broken.stdout)")

        let noAnchor = try Self.jointctl(["audit", "verify", "--store", copy, "--anchor", copy + ".absent"])
        #expect(noAnchor.status == 2 && noAnchor.stderr.contains("trust anchor"), "\(noAnchor.stderr)")
        let noStore = try Self.jointctl(["audit", "verify", "--store", copy + ".absent", "--anchor", anchor])
        #expect(noStore.status == 2 && noStore.stderr.contains("no store file"), "\(noStore.stderr)")
    }

    /// Runs the built `jointctl` (output through files) and waits for it.
    static func jointctl(_ arguments: [String]) throws -> JointctlResult {
        let directory = FileManager.default.temporaryDirectory
        let out = directory.appendingPathComponent("audit-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("audit-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = AgentCluster.binDirectory.appendingPathComponent("jointctl")
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return JointctlResult(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
