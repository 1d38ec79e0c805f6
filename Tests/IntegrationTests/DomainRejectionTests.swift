import Foundation
import Supervision
import SupervisionAgent
import SupervisionBus
import Testing

/// Bad input to a real agent through `jointctl`: clear errors, exit codes, nothing changed.
@Suite("Agent rejects bad input", .serialized)
struct DomainRejectionTests {
    @Test("unknown department, entity not in the register, malformed import, stopped agent", .timeLimit(.minutes(3)))
    func badInput() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in ["market", "fire"] { try await cluster.waitReady(department) }
        let before = try await cluster.jointctl("fire", ["summary"], as: SummaryReply.self)

        let unknown = try await cluster.jointctl("fire", ["verify", "--department", "police", "--period", "2026-Q3"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no draw by police"))

        let stranger = try CreditCode(body: [9, 1, 3, 1, 0, 1, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1]).description
        let noEntity = try await cluster.jointctl(
            "fire", ["intent", "add", "--entity", stranger, "--period", "2026-Q3"])
        #expect(noEntity.status == 65)
        #expect(noEntity.stderr.contains("not in fire's register"))

        let file = cluster.directory.appendingPathComponent("register.csv")
        try """
        credit_code,name,industry,district,address,risk_class
        \(stranger),Good,restaurant,pudong,addr,D
        not-a-code,Bad,restaurant,pudong,addr,C
        """.write(to: file, atomically: true, encoding: .utf8)
        let malformed = try await cluster.jointctl("fire", ["import", "register", file.path])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("row 3"))
        #expect(malformed.stderr.contains("nothing imported"))

        let badPeriod = try await cluster.jointctl("fire", ["draw", "--period", "someday", "--seed", "x"])
        #expect(badPeriod.status == 65)
        #expect(badPeriod.stderr.contains("YYYY-Qn"))

        let after = try await cluster.jointctl("fire", ["summary"], as: SummaryReply.self)
        #expect(after.heads == before.heads)
        #expect(after.entities == before.entities)
        #expect(after.digest == before.digest)

        // A valid roster replaces the roster, reported row by row.
        let roster = cluster.directory.appendingPathComponent("roster.csv")
        try """
        inspector_id,qualifications,conflicts
        fire-a,law-enforcement;fire-inspection,
        fire-b,law-enforcement,\(stranger)
        fire-c,law-enforcement,
        """.write(to: roster, atomically: true, encoding: .utf8)
        let report = try await cluster.jointctl("fire", ["import", "roster", roster.path], as: ImportReport.self)
        #expect(report.imported == 3 && report.rejected.isEmpty)
        #expect(try await cluster.jointctl("fire", ["summary"], as: SummaryReply.self).inspectors == 3)
        let missing = try await cluster.jointctl("fire", ["import", "roster", "/nonexistent.csv"])
        #expect(missing.status == 66)

        cluster.terminate("market")
        let stopped = try await cluster.jointctl("market", ["summary", "--timeout", "500"])
        #expect(stopped.status == 69)
        #expect(stopped.stderr.contains("agent"))
    }
}
