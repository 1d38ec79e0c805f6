import Foundation
import SupervisionAgent
import SupervisionBus
import Testing

/// Consent across a crash, and the manual policy: real agents driven through `jointctl`.
@Suite("Consent survives restarts; manual policy", .serialized)
struct ConsentRestartTests {
    static let period = "2026-Q3"

    @Test(
        "a participant down during the proposal votes once after restart; a manual participant accepts with jointctl",
        .timeLimit(.minutes(4)))
    func consentAcrossRestart() async throws {
        let departments = ["market", "fire", "culture"]
        let cluster = try AgentCluster(departments, settings: ["culture": ["consentPolicy": "manual"]])
        defer { cluster.shutdown() }
        try cluster.startAll()
        for department in departments { try await cluster.waitReady(department) }
        let entity = try #require(
            try await cluster.jointctl(
                "market", ["entities", "--industry", "training", "--limit", "1"], as: [EntityRow].self
            )
            .first
        ).code
        for department in departments {
            _ = try await cluster.jointctl(
                department, ["draw", "--period", Self.period, "--seed", "restart-seed"], as: DrawReply.self)
            _ = try await cluster.jointctl(
                department, ["intent", "add", "--entity", entity, "--period", Self.period], as: IntentRecord.self)
        }
        let fireSummary = try await cluster.jointctl("fire", ["summary"], as: SummaryReply.self)
        let fireSeq = try #require(fireSummary.heads["fire"])
        _ = try await cluster.waitForAll(
            "market holds fire's intents", ["market"],
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: { $0["market"]?.heads["fire"] == fireSeq && $0["market"]?.heads["culture"] != nil })

        // Fire is down while market proposes.
        cluster.kill9("fire")
        let proposed = try await cluster.jointctl("market", ["compose", "--period", Self.period], as: PlanView.self)
        let planId = proposed.plan.planId
        #expect(proposed.consent.first { $0.department == "fire" }?.state == .pending)

        // Fire restarts, catches up and votes; culture (manual) stays pending until told.
        try cluster.start("fire")
        try await cluster.waitReady("fire")
        let waiting = try await cluster.waitForAll(
            "fire voted, culture waits", ["market"],
            probe: { try await cluster.jointctl($0, ["plan", "show", planId], as: PlanView.self) },
            condition: { views in
                guard let view = views["market"] else { return false }
                let states = Dictionary(uniqueKeysWithValues: view.consent.map { ($0.department, $0.state) })
                return states == ["market": .accepted, "fire": .accepted, "culture": .pending]
            })
        let version = try #require(waiting["market"]).plan.version

        let manualDecline = try await cluster.jointctl("culture", ["plan", "decline", planId])
        #expect(manualDecline.status != 0, "a decline needs a reason")
        let accepted = try await cluster.jointctl(
            "culture", ["plan", "accept", planId, "--version", "\(version)"], as: PlanView.self)
        #expect(accepted.consent.first { $0.department == "culture" }?.state == .accepted)
        let agreed = try await cluster.waitForAll(
            "agreed everywhere", departments,
            probe: { try await cluster.jointctl($0, ["plan", "show", planId], as: PlanView.self) },
            condition: { $0.values.allSatisfy { $0.state == .agreed && $0.plan.version == version } })
        #expect(Set(agreed.values.map(\.plan.planHash)).count == 1)

        // Let assignments settle, then kill fire again: after restart it appends nothing twice.
        let settled = try await cluster.waitForAll(
            "assignments everywhere", departments,
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: { summaries in
                Set(summaries.values.map(\.digest)).count == 1 && Set(summaries.values.map(\.heads)).count == 1
                    && summaries.values.allSatisfy { ($0.counts["assignments"] ?? 0) >= 3 }
            })
        let before = try #require(settled["fire"])
        cluster.kill9("fire")
        try cluster.start("fire")
        try await cluster.waitReady("fire")
        let after = try await cluster.waitForAll(
            "fire caught up after restart", departments,
            probe: { try await cluster.jointctl($0, ["summary"], as: SummaryReply.self) },
            condition: { Set($0.values.map(\.digest)).count == 1 && Set($0.values.map(\.heads)).count == 1 })
        #expect(after["fire"]?.heads == before.heads, "no vote, assignment or ack appended twice")
        #expect(after["fire"]?.counts == before.counts)
    }
}
