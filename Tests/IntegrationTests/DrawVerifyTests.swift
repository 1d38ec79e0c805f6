import Foundation
import SupervisionAgent
import SupervisionBus
import Testing

/// `jointctl verify` against the snapshots a draw committed to: after a register import, and at
/// another department's agent. Real agents driven through `jointctl`.
@Suite("Draws verify against their snapshots, at any agent", .serialized)
struct DrawVerifyTests {
    static let period = "2026-Q3"

    @Test(
        "verify says MATCH after a register import and reports the change; fire verifies market's draw once it holds the snapshots",
        .timeLimit(.minutes(4)))
    func verifyAfterImportAndAcrossDepartments() async throws {
        let cluster = try AgentCluster(["market", "fire"])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in ["market", "fire"] { try await cluster.waitReady(department) }

        let drawn = try await cluster.jointctl(
            "market", ["draw", "--period", Self.period, "--seed", "lottery-2026-q3"], as: DrawReply.self)
        let registerHash = try #require(drawn.draw.registerHash)
        let rosterHash = try #require(drawn.draw.rosterHash)
        let marketHead = try #require(
            try await cluster.jointctl("market", ["summary"], as: SummaryReply.self).heads["market"])
        _ = try await cluster.waitForAll(
            "fire holds market's draw", ["fire"],
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: { $0["fire"]?.heads["market"] == marketHead })
        let verifyArgs = ["verify", "--department", "market", "--period", Self.period]

        // Fire holds the same generated register (market's risk classes included) but not market's roster.
        let missing = try await cluster.jointctl("fire", verifyArgs)
        #expect(missing.status == 3, "a missing snapshot has its own exit code: \(missing.stderr)")
        #expect(missing.stderr.contains("no roster snapshot \(rosterHash)"))
        #expect(missing.stderr.contains("jointctl snapshot export"))

        // Market exports the roster snapshot; fire imports it and verifies.
        let file = cluster.directory.appendingPathComponent("market-roster.snapshot").path
        let exported = try await cluster.jointctl(
            "market",
            [
                "snapshot", "export", "--department", "market", "--period", Self.period, "--kind", "roster", "--out",
                file,
            ],
            as: SnapshotReply.self)
        #expect(exported.hash == rosterHash)
        let kept = try await cluster.jointctl("fire", ["snapshot", "import", file], as: SnapshotReply.self)
        #expect(kept.hash == rosterHash && kept.kind == "roster" && kept.department == "market")
        let atFire = try await cluster.jointctl("fire", verifyArgs, as: VerifyReply.self)
        #expect(atFire.matches)
        #expect(atFire.registerChanged == false)
        #expect(atFire.rosterChanged == nil)

        // An ordinary import at market changes one entity's risk class after the draw.
        let entity = try #require(
            try await cluster.jointctl(
                "market", ["entities", "--supervised-by", "market", "--limit", "1"], as: [EntityRow].self
            ).first)
        let newClass = entity.riskClasses["market"] == "D" ? "A" : "D"
        let csv = cluster.directory.appendingPathComponent("register.csv")
        try """
        credit_code,name,industry,district,address,risk_class
        \(entity.code),\(entity.name),\(entity.industry),\(entity.district),,\(newClass)

        """.write(to: csv, atomically: true, encoding: .utf8)
        let imported = try await cluster.jointctl("market", ["import", "register", csv.path], as: ImportReport.self)
        #expect(imported.imported == 1)

        let atMarket = try await cluster.jointctl("market", verifyArgs, as: VerifyReply.self)
        #expect(atMarket.matches, "the draw re-runs against its snapshot, not the imported register")
        #expect(atMarket.registerChanged == true)
        #expect(atMarket.rosterChanged == false)
        #expect(atMarket.draw.registerHash == registerHash)
        let text = try await cluster.jointctl("market", verifyArgs)
        #expect(text.status == 0)
        #expect(text.stdout.contains("MATCH") && !text.stdout.contains("MISMATCH"))
        #expect(text.stdout.contains("current register: CHANGED since the draw"))

        // Another seed gives another result: MISMATCH, exit 1.
        let other = try await cluster.jointctl("fire", verifyArgs + ["--seed", "another"])
        #expect(other.status == 1)
        #expect(other.stdout.contains("MISMATCH"))
        for department in ["market", "fire"] { #expect(cluster.terminate(department) == 0) }
    }

    @Test(
        "assignments come from the inspector draw: declared conflicts are recused, a visit with one eligible inspector is reported",
        .timeLimit(.minutes(4)))
    func assignmentsRecuseConflicts() async throws {
        let cluster = try AgentCluster(["market"])
        defer { cluster.shutdown() }
        try cluster.start("market")
        try await cluster.waitReady("market")
        let entities = try await cluster.jointctl(
            "market", ["entities", "--industry", "training", "--limit", "2"], as: [EntityRow].self)
        try #require(entities.count == 2)
        let (open, closed) = (entities[0].code, entities[1].code)
        // m-1 and m-2 declared a conflict with the first centre; only m-4 may go to the second.
        let roster = cluster.directory.appendingPathComponent("roster.csv")
        try """
        inspector_id,qualifications,conflicts
        m-1,law-enforcement,\(open);\(closed)
        m-2,law-enforcement,\(open);\(closed)
        m-3,law-enforcement,\(closed)
        m-4,law-enforcement,

        """.write(to: roster, atomically: true, encoding: .utf8)
        _ = try await cluster.jointctl("market", ["import", "roster", roster.path], as: ImportReport.self)
        for code in [open, closed] {
            _ = try await cluster.jointctl(
                "market", ["intent", "add", "--entity", code, "--period", Self.period], as: IntentRecord.self)
        }
        let proposed = try await cluster.jointctl("market", ["compose", "--period", Self.period], as: PlanView.self)
        let planId = proposed.plan.planId
        let listed = try await cluster.waitForAll(
            "market assigned its visits", ["market"],
            probe: {
                try await cluster.jointctl(
                    $0, ["plan", "assignments", planId, "--version", "\(proposed.plan.version)"]
                ).stdout
            },
            condition: { ($0["market"] ?? "").contains("unstaffed because") && ($0["market"] ?? "").contains("m-") })
        #expect(listed["market"] != nil)
        let result = try await cluster.jointctl("market", ["plan", "assignments", planId, "--json"])
        #expect(result.status == 1, "an unstaffed visit makes the command exit 1")
        let views = try result.decode([AssignmentView].self)
        #expect(views.first { $0.entity == open }?.reproduced == true, "the agent re-runs the inspector draw")
        let assignments = views.map(\.assignment)
        let entityOf = Dictionary(uniqueKeysWithValues: proposed.plan.visits.map { ($0.inspectionId, $0.entity) })
        let staffed = try #require(assignments.first { entityOf[$0.inspectionId] == open })
        #expect(Set(staffed.inspectorIds) == ["m-3", "m-4"])
        #expect(staffed.unassignedReason == nil)
        #expect(staffed.seed == "plan:\(proposed.plan.planHash)", "no draw for the period: seeded by the plan hash")
        #expect(staffed.rosterHash?.count == 64)
        let unstaffed = try #require(assignments.first { entityOf[$0.inspectionId] == closed })
        #expect(unstaffed.inspectorIds.isEmpty)
        let reason = try #require(unstaffed.unassignedReason)
        #expect(reason.contains("1 eligible inspector for \(closed), the visit needs 2"))
        #expect(cluster.terminate("market") == 0)
    }
}
